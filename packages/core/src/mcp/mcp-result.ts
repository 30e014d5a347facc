/**
 * What the model sees of an MCP tool's result: its text, and its images as `input_image` parts of
 * a function_call_output content array. A result with no image is plain text, the form every
 * provider takes. What the model cannot take (audio, binary resources) is named, not dropped.
 */
import type { FunctionCallOutputContent } from '../model/response-item.js';
import type { ToolOutput } from '../tools/tool.js';
import type { CallToolResult } from './mcp-connection.js';

type ContentBlock = CallToolResult['content'][number];

export function toolOutputForModel(result: CallToolResult): ToolOutput {
  const parts = result.content.map(partForModel);
  if (parts.length === 0 && result.structuredContent !== undefined) {
    parts.push({ type: 'input_text', text: JSON.stringify(result.structuredContent) });
  }
  if (parts.length === 0) parts.push({ type: 'input_text', text: 'The tool returned no content.' });
  if (result.isError === true) parts.unshift({ type: 'input_text', text: 'The tool reported an error:' });
  if (parts.every((part) => part.type === 'input_text')) return parts.map((part) => (part as { text: string }).text).join('\n');
  return parts;
}

/** The text of a result, for an item's error message. */
export function resultText(result: CallToolResult): string {
  return result.content
    .filter((block): block is Extract<ContentBlock, { type: 'text' }> => block.type === 'text')
    .map((block) => block.text)
    .join('\n');
}

function partForModel(block: ContentBlock): FunctionCallOutputContent {
  switch (block.type) {
    case 'text':
      return { type: 'input_text', text: block.text };
    case 'image':
      return { type: 'input_image', image_url: `data:${block.mimeType};base64,${block.data}`, detail: 'auto' };
    case 'audio':
      return { type: 'input_text', text: `[audio (${block.mimeType}) left out: it cannot be shown to you]` };
    case 'resource': {
      const resource = block.resource;
      if ('text' in resource && typeof resource.text === 'string') return { type: 'input_text', text: resource.text };
      return { type: 'input_text', text: `[binary resource ${resource.uri}${resource.mimeType ? ` (${resource.mimeType})` : ''} left out]` };
    }
    case 'resource_link':
      return { type: 'input_text', text: `Resource link: ${block.name} <${block.uri}>${block.description ? ` — ${block.description}` : ''}` };
    default:
      return { type: 'input_text', text: `[content of type ${(block as { type: string }).type} left out]` };
  }
}
