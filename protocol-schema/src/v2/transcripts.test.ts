/**
 * The recorded sessions of the real Codex app-server must parse with our schemas: what its clients
 * send (inbound params, answers to server requests) and what it sends (responses, server requests,
 * notifications). The second half proves our outbound shapes are no narrower than the real server's.
 */
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { loadTranscripts } from '../../test/reference.js';
import { clientNotifications, clientRequests, serverNotifications, serverRequests } from './index.js';

const lines = loadTranscripts();

function lookup(table: object, method: unknown): { params: z.ZodType; result?: z.ZodType } | undefined {
  return typeof method === 'string' && Object.hasOwn(table, method)
    ? (table as Record<string, { params: z.ZodType; result?: z.ZodType }>)[method]
    : undefined;
}

function expectParses(schema: z.ZodType, value: unknown, label: string): void {
  const parsed = schema.safeParse(value);
  expect(parsed.success, `${label}: ${parsed.error?.message}`).toBe(true);
}

describe('recorded sessions of the reference server', () => {
  it('were loaded', () => {
    expect(lines.filter((line) => line.dir === 'c->s').length).toBeGreaterThan(5);
    expect(lines.filter((line) => line.dir === 's->c').length).toBeGreaterThan(20);
  });

  it('client messages parse with our inbound schemas', () => {
    const files = new Set(lines.map((line) => line.file));
    let checked = 0;
    for (const file of files) {
      const serverRequestMethods = new Map<unknown, string>();
      for (const { dir, message, t } of lines.filter((line) => line.file === file)) {
        const label = `${file}@${t}`;
        if (dir === 's->c') {
          if ('method' in message && 'id' in message) serverRequestMethods.set(message.id, String(message.method));
          continue;
        }
        if ('method' in message) {
          const spec = lookup(clientRequests, message.method) ?? lookup(clientNotifications, message.method);
          expect(spec, `${label}: unknown client method ${String(message.method)}`).toBeDefined();
          expectParses(spec!.params, message.params, `${label} ${String(message.method)}`);
        } else {
          const method = serverRequestMethods.get(message.id);
          const spec = lookup(serverRequests, method);
          expect(spec, `${label}: answer to an unknown server request ${String(method)}`).toBeDefined();
          expectParses(spec!.result!, message.result, `${label} answer to ${method}`);
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('server messages parse with our outbound schemas', () => {
    const files = new Set(lines.map((line) => line.file));
    const checkedMethods = new Set<string>();
    for (const file of files) {
      const clientRequestMethods = new Map<unknown, string>();
      for (const { dir, message, t } of lines.filter((line) => line.file === file)) {
        const label = `${file}@${t}`;
        if (dir === 'c->s') {
          if ('method' in message && 'id' in message) clientRequestMethods.set(message.id, String(message.method));
          continue;
        }
        if ('method' in message) {
          const table = 'id' in message ? serverRequests : serverNotifications;
          const spec = lookup(table, message.method);
          // Methods agentd does not implement (rate limits, remote control, goals) are not ours to parse.
          if (!spec) continue;
          expectParses(spec.params, message.params, `${label} ${String(message.method)}`);
          checkedMethods.add(String(message.method));
        } else if ('result' in message) {
          const method = clientRequestMethods.get(message.id);
          const spec = lookup(clientRequests, method);
          expect(spec, `${label}: response to an unknown request`).toBeDefined();
          expectParses(spec!.result!, message.result, `${label} result of ${method}`);
          checkedMethods.add(`${method} (result)`);
        }
      }
    }
    expect([...checkedMethods].sort()).toEqual(
      expect.arrayContaining([
        'initialize (result)',
        'thread/start (result)',
        'thread/resume (result)',
        'turn/start (result)',
        'thread/started',
        'thread/status/changed',
        'turn/started',
        'turn/completed',
        'item/started',
        'item/completed',
        'item/agentMessage/delta',
        'item/commandExecution/requestApproval',
        'serverRequest/resolved',
        'thread/tokenUsage/updated',
      ]),
    );
  });
});
