/**
 * Protocol user input → core user input. Text and images (by URL, data URL or local file) are
 * supported; the other kinds of input the protocol knows are refused with a clear error.
 */
import type { ReasoningEffort, UserInput } from '@agentd/core';
import type { v2 } from '@agentd/protocol';
import { invalidParams } from '../errors.js';

export function fromProtocolInput(input: readonly v2.UserInput[]): UserInput[] {
  return input.map((part, index) => {
    switch (part.type) {
      case 'text':
        return { type: 'text', text: part.text, text_elements: part.text_elements ?? [] };
      case 'image':
        if (!part.url) throw invalidParams(`input[${index}]: images by fileId are not supported; send a url or data URL`);
        return { type: 'image', url: part.url, detail: part.detail ?? null };
      case 'localImage':
        return { type: 'localImage', path: part.path, detail: part.detail ?? null };
      default:
        throw invalidParams(`input[${index}]: input of type "${part.type}" is not supported; send text, image or localImage`);
    }
  });
}

const efforts: readonly string[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

/** A protocol reasoning effort as core's, refusing names no model knows. */
export function fromProtocolEffort(effort: string): ReasoningEffort {
  if (!efforts.includes(effort)) throw invalidParams(`unknown reasoning effort "${effort}"; use one of ${efforts.join(', ')}`);
  return effort as ReasoningEffort;
}
