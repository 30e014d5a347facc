/**
 * What the model sees: items in the Responses API input format. The thread's history is a list of
 * these, kept in a canonical form (fixed key order, no server-side ids except on reasoning) so that
 * every request is the previous one plus new items, byte for byte — which keeps the provider's
 * prompt cache hitting.
 */

export type InputContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string; detail: 'auto' | 'low' | 'high' };

export type OutputContent = { type: 'output_text'; text: string };

export interface MessageItem {
  type: 'message';
  role: 'developer' | 'user' | 'assistant';
  content: Array<InputContent | OutputContent>;
}

export interface ReasoningResponseItem {
  type: 'reasoning';
  id: string;
  summary: Array<{ type: 'summary_text'; text: string }>;
  encrypted_content: string | null;
}

export interface FunctionCallItem {
  type: 'function_call';
  call_id: string;
  name: string;
  arguments: string;
}

export type FunctionCallOutputContent = InputContent;

export interface FunctionCallOutputItem {
  type: 'function_call_output';
  call_id: string;
  output: string | FunctionCallOutputContent[];
}

export type ResponseItem = MessageItem | ReasoningResponseItem | FunctionCallItem | FunctionCallOutputItem;

export function textMessage(role: MessageItem['role'], text: string): MessageItem {
  return { type: 'message', role, content: [{ type: role === 'assistant' ? 'output_text' : 'input_text', text }] };
}

export function functionCallOutput(callId: string, output: string | FunctionCallOutputContent[]): FunctionCallOutputItem {
  return { type: 'function_call_output', call_id: callId, output };
}

/** The text of a message item. */
export function messageText(item: MessageItem): string {
  return item.content
    .filter((part): part is { type: 'input_text' | 'output_text'; text: string } => 'text' in part)
    .map((part) => part.text)
    .join('');
}
