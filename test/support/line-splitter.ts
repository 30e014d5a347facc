/**
 * Splits text arriving in chunks into lines. Only each new chunk is searched for a newline, and a
 * long line's pieces are joined once, when its newline arrives: searching `partial + chunk` instead
 * copies the whole partial line on every chunk, which is quadratic in the line's length and made a
 * client take longer to read a megabytes-long answer than the daemon took to write it.
 */
export class LineSplitter {
  readonly #onLine: (line: string) => void;
  #pieces: string[] = [];

  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine;
  }

  push(chunk: string): void {
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
      const end = chunk.slice(start, newline);
      start = newline + 1;
      let line = end;
      if (this.#pieces.length > 0) {
        this.#pieces.push(end);
        line = this.#pieces.join('');
        this.#pieces = [];
      }
      this.#onLine(line);
    }
    if (start < chunk.length) this.#pieces.push(start === 0 ? chunk : chunk.slice(start));
  }

  /** What came after the last newline (a line the stream ended in the middle of), now forgotten. */
  takeRest(): string {
    const rest = this.#pieces.join('');
    this.#pieces = [];
    return rest;
  }
}
