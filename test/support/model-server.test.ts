import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail, parseScript, part, reply, startModelServer, type ModelServer } from './model-server.js';

let server: ModelServer;
let client: OpenAI;

beforeEach(async () => {
  server = await startModelServer();
  // maxRetries 0: the test sees each scripted failure itself, not the package's retry of it.
  client = new OpenAI({ baseURL: server.url, apiKey: 'test-key', maxRetries: 0, logLevel: 'off' });
});

afterEach(async () => {
  await server.close();
});

type ApiErrorLike = { status?: number; code?: string | null; headers?: Headers };

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of stream) out.push(e);
  return out;
}

async function collectUntilError<T>(stream: AsyncIterable<T>): Promise<{ events: T[]; error: unknown }> {
  const events: T[] = [];
  try {
    for await (const e of stream) events.push(e);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}

describe('Responses API', () => {
  it('streams a text reply as the openai package expects', async () => {
    server.enqueue(reply.text('Hello', { chunks: ['Hel', 'lo'] }));
    const stream = await client.responses.create({ model: 'gpt-test', input: 'hi', stream: true });
    const events = await collect(stream);

    expect(events.map((e) => e.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const deltas = events.flatMap((e) => (e.type === 'response.output_text.delta' ? [e] : []));
    expect(deltas.map((d) => d.delta)).toEqual(['Hel', 'lo']);
    expect(deltas[0]).toMatchObject({ item_id: 'msg_1', output_index: 0, content_index: 0 });
    const done = events.find((e) => e.type === 'response.output_item.done');
    expect(done).toMatchObject({
      output_index: 0,
      item: { id: 'msg_1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Hello' }] },
    });
    const completed = events.at(-1);
    expect(completed?.type).toBe('response.completed');
    if (completed?.type !== 'response.completed') throw new Error('unreachable');
    expect(completed.response).toMatchObject({ id: 'resp_1', status: 'completed', model: 'gpt-test' });
    expect(completed.response.usage).toEqual({
      input_tokens: expect.any(Number),
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: 2,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: completed.response.usage!.input_tokens + 2,
    });
  });

  it('splits text into one delta per word by default', async () => {
    server.enqueue(reply.text('Done. I ran it.'));
    const events = await collect(await client.responses.create({ model: 'm', input: 'x', stream: true }));
    const deltas = events.flatMap((e) => (e.type === 'response.output_text.delta' ? [e.delta] : []));
    expect(deltas).toEqual(['Done. ', 'I ', 'ran ', 'it.']);
  });

  it('rebuilds reasoning + function calls + text with the package accumulator, ids deterministic', async () => {
    server.enqueue(
      reply.of([
        reply.reasoning({ summary: ['Thinking about ls.', 'Second thought.'], content: ['raw chain'], encryptedContent: 'opaque' }),
        reply.toolCalls([
          { name: 'exec_command', arguments: { cmd: 'ls' } },
          { name: 'exec_command', arguments: { cmd: 'pwd' }, callId: 'call_custom', chunks: 3 },
        ]),
        part.text('Running.'),
      ]),
    );
    const stream = client.responses.stream({ model: 'gpt-test', input: 'list files' });
    const types: string[] = [];
    stream.on('event', (e) => types.push(e.type));
    const final = await stream.finalResponse();

    expect(final.output).toEqual([
      {
        id: 'rs_1',
        type: 'reasoning',
        summary: [
          { type: 'summary_text', text: 'Thinking about ls.' },
          { type: 'summary_text', text: 'Second thought.' },
        ],
        content: [{ type: 'reasoning_text', text: 'raw chain' }],
        encrypted_content: 'opaque',
      },
      // The package adds `parsed_arguments` itself.
      expect.objectContaining({ id: 'fc_2', type: 'function_call', call_id: 'call_2', name: 'exec_command', arguments: '{"cmd":"ls"}', status: 'completed' }),
      expect.objectContaining({ id: 'fc_3', type: 'function_call', call_id: 'call_custom', name: 'exec_command', arguments: '{"cmd":"pwd"}', status: 'completed' }),
      expect.objectContaining({ id: 'msg_4', type: 'message', content: [expect.objectContaining({ text: 'Running.' })] }),
    ]);
    expect(final.output_text).toBe('Running.');
    expect(types).toContain('response.reasoning_summary_part.added');
    expect(types).toContain('response.reasoning_summary_text.delta');
    expect(types).toContain('response.reasoning_text.delta');
    expect(types.filter((t) => t === 'response.function_call_arguments.delta')).toHaveLength(1 + 3);
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('numbers items across responses: call_1 then msg_2', async () => {
    server.enqueue(reply.toolCalls([{ name: 'exec_command', arguments: { cmd: 'ls' } }]), reply.text('Done.'));
    const first = await client.responses.stream({ model: 'm', input: 'a' }).finalResponse();
    const second = await client.responses.stream({ model: 'm', input: 'b' }).finalResponse();
    expect(first.output[0]).toMatchObject({ type: 'function_call', call_id: 'call_1' });
    expect(second.output[0]).toMatchObject({ type: 'message', id: 'msg_2' });
    expect(second.id).toBe('resp_2');
  });

  it('applies a usage override and serves non-streaming requests too', async () => {
    server.enqueue(reply.text('ok', { usage: { inputTokens: 1000, cachedInputTokens: 900, outputTokens: 5, reasoningOutputTokens: 2 } }));
    const res = await client.responses.create({ model: 'gpt-test', input: 'x' });
    expect(res.output_text).toBe('ok');
    expect(res.usage).toEqual({
      input_tokens: 1000,
      input_tokens_details: { cached_tokens: 900, cache_write_tokens: 0 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 2 },
      total_tokens: 1005,
    });
  });

  it('renders a custom (freeform) tool call and an incomplete response', async () => {
    server.enqueue(reply.of([part.customToolCall({ name: 'apply_patch', input: '*** Begin Patch\n*** End Patch' })], { incomplete: 'max_output_tokens' }));
    const events = await collect(await client.responses.create({ model: 'm', input: 'x', stream: true }));
    expect(events.map((e) => e.type)).toContain('response.custom_tool_call_input.delta');
    const last = events.at(-1);
    expect(last?.type).toBe('response.incomplete');
    if (last?.type !== 'response.incomplete') throw new Error('unreachable');
    expect(last.response.output[0]).toMatchObject({ type: 'custom_tool_call', name: 'apply_patch', call_id: 'call_1', input: '*** Begin Patch\n*** End Patch' });
    expect(last.response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });
});

describe('Chat Completions', () => {
  it('streams text and a usage chunk, then [DONE]', async () => {
    server.enqueue(reply.text('Hello there', { chunks: ['Hello', ' there'], usage: { inputTokens: 10, outputTokens: 2 } }));
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const content = chunks.flatMap((c) => c.choices.map((ch) => ch.delta.content ?? '')).join('');
    expect(content).toBe('Hello there');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12, prompt_tokens_details: { cached_tokens: 0 } },
    });
    const raw = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', stream: true, messages: [] }),
    });
    expect(raw.status).toBe(500); // the queue is empty again
  });

  it('streams tool calls that the package accumulates', async () => {
    server.enqueue(
      reply.of([
        part.text('Let me look.'),
        part.toolCall({ name: 'exec_command', arguments: { cmd: 'ls -la' }, chunks: 4 }),
        part.toolCall({ name: 'view_image', arguments: { path: '/tmp/x.png' } }),
      ]),
    );
    const stream = client.chat.completions.stream({ model: 'gpt-test', messages: [{ role: 'user', content: 'go' }] });
    const final = await stream.finalChatCompletion();
    const choice = final.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBe('Let me look.');
    expect(choice?.message.tool_calls).toEqual([
      { id: 'call_2', type: 'function', function: { name: 'exec_command', arguments: '{"cmd":"ls -la"}' } },
      { id: 'call_3', type: 'function', function: { name: 'view_image', arguments: '{"path":"/tmp/x.png"}' } },
    ]);
    // Without include_usage, no usage chunk.
    expect(server.requests[0]?.json.stream_options).toBeUndefined();
  });

  it('serves a non-streaming chat completion', async () => {
    server.enqueue(reply.toolCall('exec_command', { cmd: 'ls' }));
    const res = await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'x' }] });
    expect(res.choices[0]?.message.tool_calls?.[0]).toMatchObject({ id: 'call_1', function: { name: 'exec_command', arguments: '{"cmd":"ls"}' } });
    expect(res.usage?.total_tokens).toBeGreaterThan(0);
  });
});

describe('misbehaviour', () => {
  it('answers scripted HTTP errors, with retry-after on 429', async () => {
    server.enqueue(fail.status(500), fail.status(429, { retryAfterSeconds: 7 }), fail.status(401));
    const input = { model: 'm', input: 'x' };

    const e500 = await client.responses.create(input).catch((e: unknown) => e);
    expect(e500).toBeInstanceOf(OpenAI.InternalServerError);
    expect((e500 as ApiErrorLike).status).toBe(500);

    const e429 = await client.responses.create(input).catch((e: unknown) => e);
    expect(e429).toBeInstanceOf(OpenAI.RateLimitError);
    expect((e429 as ApiErrorLike).headers?.get('retry-after')).toBe('7');
    expect((e429 as ApiErrorLike).code).toBe('rate_limit_exceeded');

    const e401 = await client.responses.create(input).catch((e: unknown) => e);
    expect(e401).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(server.requests.map((r) => r.served)).toEqual(['fail:status', 'fail:status', 'fail:status']);
  });

  it('stalls until the client aborts', async () => {
    server.enqueue(fail.stall());
    const ac = new AbortController();
    const pending = client.responses.create({ model: 'm', input: 'x', stream: true }, { signal: ac.signal });
    const [request] = await server.waitForRequests(1);
    ac.abort();
    await expect(pending).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
    expect(await request?.settled).toBe('aborted');
  });

  it('stalls mid-stream after some events', async () => {
    server.enqueue(fail.stall({ reply: reply.text('one two three'), afterEvents: 5 }));
    const ac = new AbortController();
    const stream = await client.responses.create({ model: 'm', input: 'x', stream: true }, { signal: ac.signal });
    const seen: string[] = [];
    for await (const e of stream) {
      seen.push(e.type);
      if (seen.length === 5) ac.abort();
    }
    expect(seen).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
    ]);
    expect(await server.requests[0]?.settled).toBe('aborted');
  });

  it('cuts the stream in the middle of an event', async () => {
    server.enqueue(fail.cutMidEvent({ reply: reply.text('partial answer') }));
    const stream = await client.responses.create({ model: 'm', input: 'x', stream: true });
    const { events, error } = await collectUntilError(stream);
    expect(error).toBeDefined();
    expect(events.map((e) => e.type)).toContain('response.output_item.done');
    expect(events.map((e) => e.type)).not.toContain('response.completed');
    expect(await server.requests[0]?.settled).toBe('cut');
  });

  it('cuts a chat stream too', async () => {
    server.enqueue(fail.cutMidEvent({ afterEvents: 2 }));
    const stream = await client.chat.completions.create({ model: 'm', messages: [], stream: true });
    const { events, error } = await collectUntilError(stream);
    expect(events).toHaveLength(2);
    expect(error).toBeDefined();
  });

  it('sends a malformed SSE data line', async () => {
    server.enqueue(fail.badSse());
    const stream = await client.responses.create({ model: 'm', input: 'x', stream: true });
    const { events, error } = await collectUntilError(stream);
    expect(events.map((e) => e.type)).toEqual(['response.created', 'response.in_progress']);
    expect(error).toBeInstanceOf(SyntaxError);
  });

  it('reports a failed stream as response.failed, an error event, or a chat error chunk', async () => {
    server.enqueue(
      fail.streamError({ message: 'model overloaded', code: 'server_error' }),
      fail.streamError({ event: 'error', message: 'bad things', code: 'boom' }),
      fail.streamError({ message: 'chat broke' }),
    );
    const failed = await collect(await client.responses.create({ model: 'm', input: 'x', stream: true }));
    const last = failed.at(-1);
    expect(last?.type).toBe('response.failed');
    if (last?.type !== 'response.failed') throw new Error('unreachable');
    expect(last.response).toMatchObject({ status: 'failed', error: { code: 'server_error', message: 'model overloaded' } });
    expect(last.sequence_number).toBe(2);

    const errored = await collect(await client.responses.create({ model: 'm', input: 'x', stream: true }));
    expect(errored.at(-1)).toEqual({ type: 'error', sequence_number: 2, code: 'boom', message: 'bad things', param: null });

    const chat = await client.chat.completions.create({ model: 'm', messages: [], stream: true });
    const { error } = await collectUntilError(chat);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain('chat broke');
  });

  it('says so when no scripted response is left', async () => {
    const error = await client.responses.create({ model: 'm', input: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as Error).message).toContain('no scripted response left');
    expect(server.errors[0]).toContain('no scripted response left');
  });

  it('waits before the first byte when asked', async () => {
    server.enqueue(reply.text('slow', { delayMs: 200 }));
    const started = performance.now();
    const res = await fetch(`${server.url}/responses`, { method: 'POST', body: JSON.stringify({ model: 'm', stream: true }) });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    await res.text();
  });
});

describe('scripting and recording', () => {
  it('uses the default reply when the queue is empty, and echo functions', async () => {
    server.setDefault(reply.text('default'));
    server.enqueue((body: { input: string }) => reply.text(`echo: ${body.input}`));
    const a = await client.responses.create({ model: 'm', input: 'ping' });
    const b = await client.responses.create({ model: 'm', input: 'again' });
    const c = await client.responses.create({ model: 'm', input: 'again' });
    expect([a.output_text, b.output_text, c.output_text]).toEqual(['echo: ping', 'default', 'default']);
    expect(b.output[0]?.id).not.toBe(c.output[0]?.id);
  });

  it('records every request: method, path, headers, raw body and JSON', async () => {
    server.enqueue(reply.text('a'), reply.text('b'));
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['gpt-test']);
    const waiting = server.waitForRequests(2);
    await client.responses.create({ model: 'gpt-test', input: 'first', stream: true }).then(collect);
    await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'second' }] });
    const got = await waiting;

    expect(got.map((r) => [r.method, r.path, r.endpoint])).toEqual([
      ['POST', '/v1/responses', 'responses'],
      ['POST', '/v1/chat/completions', 'chat'],
    ]);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models', served: 'models' });
    const first = got[0]!;
    expect(first.headers.authorization).toBe('Bearer test-key');
    expect(first.headers['content-type']).toContain('application/json');
    expect(first.json).toEqual({ model: 'gpt-test', input: 'first', stream: true });
    expect(JSON.parse(first.raw)).toEqual(first.json);
    expect(JSON.stringify(first)).not.toContain('settled');
    expect(server.remaining).toBe(0);
  });

  it('names what it waited for when waitForRequests times out', async () => {
    await expect(server.waitForRequests(1, { timeoutMs: 50 })).rejects.toThrow(/waiting for 1 model request\(s\).*Got 0/s);
  });

  it('rejects requests without the API key when one is required', async () => {
    const locked = await startModelServer({ apiKey: 'sekrit' });
    try {
      locked.enqueue(reply.text('x'));
      const wrong = new OpenAI({ baseURL: locked.url, apiKey: 'nope', maxRetries: 0 });
      await expect(wrong.responses.create({ model: 'm', input: 'x' })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
      expect(locked.remaining).toBe(1);
    } finally {
      await locked.close();
    }
  });

  it('serves 20,000 small deltas fast', async () => {
    const text = 'x'.repeat(20_000);
    server.enqueue(reply.text(text, { chunks: 20_000 }));
    const started = performance.now();
    const res = await fetch(`${server.url}/responses`, { method: 'POST', body: JSON.stringify({ model: 'm', stream: true }) });
    const body = await res.text();
    const elapsed = performance.now() - started;
    expect(body.split('event: response.output_text.delta\n')).toHaveLength(20_001);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('parses scripts from JSON and rejects malformed ones', () => {
    const entries = [reply.text('hi'), fail.status(429, { retryAfterSeconds: 1 }), fail.stall()];
    expect(parseScript(JSON.parse(JSON.stringify(entries))).entries).toEqual(entries);
    expect(parseScript({ replies: [], default: reply.text('d') }).default).toEqual(reply.text('d'));
    expect(() => parseScript([{ kind: 'reply' }])).toThrow(/\[0\]: a reply needs a "parts" array/);
    expect(() => parseScript([{ kind: 'fail', type: 'explode' }])).toThrow(/unknown failure type/);
    expect(() => reply.text('Hello', { chunks: ['Hel', 'p'] })).toThrow(/chunks join/);
  });
});

describe('command line', () => {
  it('serves a JSON script and prints its URL as one JSON line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agentd-model-cli-'));
    try {
      const script = join(dir, 'script.json');
      await writeFile(script, JSON.stringify([reply.text('from the CLI'), fail.status(503)]));
      const here = fileURLToPath(new URL('.', import.meta.url));
      const child = spawn(
        process.execPath,
        ['--import', join(here, 'register-ts.mjs'), join(here, 'model-server-cli.ts'), '--script', script],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        const first = await new Promise<string>((resolve, reject) => {
          createInterface({ input: child.stdout }).once('line', resolve);
          void exited.then((code) => reject(new Error(`CLI exited with ${code}: ${stderr}`)));
        });
        const { url } = JSON.parse(first) as { url: string };
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
        const cli = new OpenAI({ baseURL: url, apiKey: 'k', maxRetries: 0 });
        expect((await cli.responses.create({ model: 'm', input: 'x' })).output_text).toBe('from the CLI');
        await expect(cli.responses.create({ model: 'm', input: 'x' })).rejects.toMatchObject({ status: 503 });
      } finally {
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
