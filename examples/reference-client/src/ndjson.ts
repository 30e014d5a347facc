/**
 * agentd frames JSON-RPC as one JSON object per line; vscode-jsonrpc expects `Content-Length`
 * headers unless it is given its own reader and writer. These two are all it takes.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { AbstractMessageReader, AbstractMessageWriter, type DataCallback, type Disposable, type Message } from 'vscode-jsonrpc/node';

export class NdjsonReader extends AbstractMessageReader {
  readonly #input: Readable;
  readonly #onLine: (line: string) => void;

  /** @param onLine sees every line as received (for `--json`). */
  constructor(input: Readable, onLine: (line: string) => void = () => {}) {
    super();
    this.#input = input;
    this.#onLine = onLine;
  }

  listen(callback: DataCallback): Disposable {
    const lines = createInterface({ input: this.#input, crlfDelay: Infinity });
    lines.on('line', (line) => {
      this.#onLine(line);
      try {
        callback({ jsonrpc: '2.0', ...JSON.parse(line) } as Message);
      } catch (error) {
        this.fireError(error);
      }
    });
    lines.on('close', () => this.fireClose());
    return { dispose: () => lines.close() };
  }
}

export class NdjsonWriter extends AbstractMessageWriter {
  readonly #output: Writable;

  constructor(output: Writable) {
    super();
    this.#output = output;
  }

  async write(message: Message): Promise<void> {
    this.#output.write(`${JSON.stringify(message)}\n`);
  }

  end(): void {
    this.#output.end();
  }
}
