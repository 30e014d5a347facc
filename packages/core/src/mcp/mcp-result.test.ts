import { describe, expect, it } from 'vitest';
import { toolOutputForModel } from './mcp-result.js';

describe('toolOutputForModel', () => {
  it('gives text results as plain text', () => {
    expect(toolOutputForModel({ content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] })).toBe('one\ntwo');
  });

  it('gives images as input_image parts beside the text', () => {
    expect(toolOutputForModel({ content: [{ type: 'text', text: 'a dot:' }, { type: 'image', data: 'iVBORw0=', mimeType: 'image/png' }] })).toEqual([
      { type: 'input_text', text: 'a dot:' },
      { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0=', detail: 'auto' },
    ]);
  });

  it('says when the tool reported an error', () => {
    expect(toolOutputForModel({ content: [{ type: 'text', text: 'no such row' }], isError: true })).toBe('The tool reported an error:\nno such row');
  });

  it('falls back to structured content, then to saying there was nothing', () => {
    expect(toolOutputForModel({ content: [], structuredContent: { rows: 2 } })).toBe('{"rows":2}');
    expect(toolOutputForModel({ content: [] })).toBe('The tool returned no content.');
  });

  it('names what the model cannot take', () => {
    expect(
      toolOutputForModel({
        content: [
          { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
          { type: 'resource', resource: { uri: 'file:///a.txt', text: 'file text' } },
          { type: 'resource', resource: { uri: 'file:///a.bin', blob: 'AAAA', mimeType: 'application/octet-stream' } },
          { type: 'resource_link', uri: 'file:///b.md', name: 'b.md' },
        ],
      }),
    ).toBe('[audio (audio/wav) left out: it cannot be shown to you]\nfile text\n[binary resource file:///a.bin (application/octet-stream) left out]\nResource link: b.md <file:///b.md>');
  });
});
