/**
 * The history as Chat Completions messages, for OpenAI-compatible servers (Ollama, vLLM,
 * llama.cpp, LM Studio). Each item maps on its own, so a request's messages are the previous
 * request's plus new ones at the end — the prefix property survives the translation:
 * - the instructions and the developer messages that open the history form the one system
 *   message (many chat templates accept a system message only at the start);
 * - a later developer message (a settings update) is a system message where it stands;
 * - user messages keep their text and images; assistant text is an assistant message;
 * - function calls become `tool_calls` of the assistant message just before them (a response's
 *   items are appended together, so that message never gains calls after it was sent), or of an
 *   assistant message of their own; each output is a `tool` message, and images a tool returned
 *   follow the run of tool messages as one user message;
 * - reasoning items stay out: the servers neither need nor accept them back.
 */
import type { ModelRequest } from './model-client.js';
import { type InputContent, messageText, type ResponseItem } from './response-item.js';

type ChatContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string; detail: 'auto' | 'low' | 'high' } };

interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | ChatContentPart[] }
  | { role: 'assistant'; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export function chatMessages(instructions: string, input: readonly ResponseItem[]): ChatMessage[] {
  let index = 0;
  const system = [instructions];
  for (; index < input.length; index++) {
    const item = input[index] as ResponseItem;
    if (item.type !== 'message' || item.role !== 'developer') break;
    system.push(messageText(item));
  }
  const messages: ChatMessage[] = [{ role: 'system', content: system.filter((text) => text.trim()).join('\n\n') }];
  let toolImages: ChatContentPart[] = [];
  const flushToolImages = () => {
    if (toolImages.length === 0) return;
    messages.push({ role: 'user', content: [{ type: 'text', text: 'Images returned by the tool calls above:' }, ...toolImages] });
    toolImages = [];
  };
  for (; index < input.length; index++) {
    const item = input[index] as ResponseItem;
    if (item.type !== 'function_call_output') flushToolImages();
    switch (item.type) {
      case 'message':
        if (item.role === 'assistant') messages.push({ role: 'assistant', content: messageText(item) });
        else if (item.role === 'developer') messages.push({ role: 'system', content: messageText(item) });
        else messages.push({ role: 'user', content: userContent(item.content as InputContent[]) });
        break;
      case 'function_call': {
        const call: ChatToolCall = { id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } };
        const last = messages.at(-1);
        if (last?.role === 'assistant') (last.tool_calls ??= []).push(call);
        else messages.push({ role: 'assistant', content: null, tool_calls: [call] });
        break;
      }
      case 'function_call_output': {
        if (typeof item.output === 'string') {
          messages.push({ role: 'tool', tool_call_id: item.call_id, content: item.output });
          break;
        }
        const text = item.output.flatMap((part) => (part.type === 'input_text' ? [part.text] : [])).join('\n');
        const images = item.output.filter((part) => part.type === 'input_image');
        messages.push({ role: 'tool', tool_call_id: item.call_id, content: text || (images.length > 0 ? '(the image follows)' : '') });
        toolImages.push(...images.map(imagePart));
        break;
      }
      case 'reasoning':
        break;
    }
  }
  flushToolImages();
  return messages;
}

function userContent(content: readonly InputContent[]): string | ChatContentPart[] {
  const only = content[0];
  if (content.length === 1 && only?.type === 'input_text') return only.text;
  return content.map((part) => (part.type === 'input_text' ? { type: 'text' as const, text: part.text } : imagePart(part)));
}

function imagePart(part: Extract<InputContent, { type: 'input_image' }>): ChatContentPart {
  return { type: 'image_url', image_url: { url: part.image_url, detail: part.detail } };
}

/** The request body, with keys in a fixed order so equal requests serialise to equal bytes. */
export function chatBody(request: ModelRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: request.model,
    messages: chatMessages(request.instructions, request.input),
  };
  if (request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters, ...(tool.strict ? { strict: true } : {}) },
    }));
    body.tool_choice = 'auto';
    body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.reasoning?.effort && request.reasoning.effort !== 'none') body.reasoning_effort = request.reasoning.effort;
  body.stream = true;
  body.stream_options = { include_usage: true };
  body.prompt_cache_key = request.promptCacheKey;
  if (request.outputSchema) {
    body.response_format = { type: 'json_schema', json_schema: { name: 'output', strict: true, schema: request.outputSchema } };
  }
  if (request.serviceTier) body.service_tier = request.serviceTier;
  return body;
}
