/**
 * Text kept within a byte budget: the first half of the budget (head) and the last half (tail),
 * with a count of what fell in between. A command may print 100 MB; the model needs its beginning
 * (what ran, the first error) and its end (the summary, the last error), and the daemon must not
 * hold the rest. Sizes are UTF-8 bytes and cuts fall on character boundaries.
 */

/** The marker that stands where output was dropped. One spelling, shared by every producer. */
export function elisionMarker(elidedBytes: number): string {
  return `[… ${elidedBytes} bytes elided …]`;
}

/** UTF-8 length of `text`. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest prefix of `text` that fits in `maxBytes` without splitting a character. */
export function utf8Prefix(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  const bytes = utf8Length(text);
  if (bytes <= maxBytes) return text;
  // All-ASCII text (as much command output is) can be cut by index.
  if (bytes === text.length) return text.slice(0, maxBytes);
  let used = 0;
  let end = 0;
  while (end < text.length) {
    const width = charWidth(text, end);
    if (used + width.bytes > maxBytes) break;
    used += width.bytes;
    end += width.units;
  }
  return text.slice(0, end);
}

/** The longest suffix of `text` that fits in `maxBytes` without splitting a character. */
export function utf8Suffix(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  const bytes = utf8Length(text);
  if (bytes <= maxBytes) return text;
  if (bytes === text.length) return text.slice(text.length - maxBytes);
  let used = 0;
  let start = text.length;
  while (start > 0) {
    const units = isLowSurrogate(text.charCodeAt(start - 1)) && start >= 2 && isHighSurrogate(text.charCodeAt(start - 2)) ? 2 : 1;
    const width = charWidth(text, start - units).bytes;
    if (used + width > maxBytes) break;
    used += width;
    start -= units;
  }
  return text.slice(start);
}

function charWidth(text: string, index: number): { units: number; bytes: number } {
  const code = text.charCodeAt(index);
  if (code < 0x80) return { units: 1, bytes: 1 };
  if (code < 0x800) return { units: 1, bytes: 2 };
  if (isHighSurrogate(code) && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1))) {
    return { units: 2, bytes: 4 };
  }
  // A lone surrogate is written as U+FFFD, three bytes, like any other BMP character above U+07FF.
  return { units: 1, bytes: 3 };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Small pieces are joined into the last tail piece up to this size, so a command that prints one
 * byte at a time does not leave the tail as a million tiny strings. */
const COALESCE_CHARS = 16 * 1024;

export class HeadTailText {
  readonly #headBudget: number;
  readonly #tailBudget: number;
  #head = '';
  #headBytes = 0;
  /** Once the head is full it stays full: everything after goes to the tail. */
  #headFull = false;
  readonly #tail: string[] = [];
  #tailBytes = 0;
  #droppedBytes = 0;

  constructor(maxBytes: number) {
    const budget = Math.max(0, Math.floor(maxBytes));
    this.#headBudget = Math.floor(budget / 2);
    this.#tailBudget = budget - this.#headBudget;
  }

  /** Bytes that were pushed but are no longer kept. */
  get droppedBytes(): number {
    return this.#droppedBytes;
  }

  /** Bytes pushed in all, kept or not. */
  get totalBytes(): number {
    return this.#headBytes + this.#tailBytes + this.#droppedBytes;
  }

  push(text: string): void {
    if (text.length === 0) return;
    let rest = text;
    if (!this.#headFull) {
      const room = this.#headBudget - this.#headBytes;
      const taken = utf8Prefix(rest, room);
      this.#head += taken;
      this.#headBytes += utf8Length(taken);
      if (taken.length === rest.length) return;
      this.#headFull = true;
      rest = rest.slice(taken.length);
    }
    this.#pushTail(rest);
  }

  #pushTail(text: string): void {
    const last = this.#tail.length - 1;
    if (last >= 0 && (this.#tail[last] ?? '').length < COALESCE_CHARS) {
      this.#tail[last] += text;
    } else {
      this.#tail.push(text);
    }
    this.#tailBytes += utf8Length(text);
    this.#trimTail();
  }

  #trimTail(): void {
    while (this.#tailBytes > this.#tailBudget) {
      const first = this.#tail[0];
      if (first === undefined) break;
      const firstBytes = utf8Length(first);
      const excess = this.#tailBytes - this.#tailBudget;
      if (firstBytes <= excess) {
        this.#tail.shift();
        this.#tailBytes -= firstBytes;
        this.#droppedBytes += firstBytes;
        continue;
      }
      const kept = utf8Suffix(first, firstBytes - excess);
      const keptBytes = utf8Length(kept);
      this.#tail[0] = kept;
      this.#tailBytes -= firstBytes - keptBytes;
      this.#droppedBytes += firstBytes - keptBytes;
    }
  }

  /** What is kept; when something was dropped, the head and the tail with the marker between. */
  toString(): string {
    const tail = this.#tail.join('');
    if (this.#droppedBytes === 0) return this.#head + tail;
    return `${this.#head}\n${elisionMarker(this.#droppedBytes)}\n${tail}`;
  }
}
