/**
 * A shortest edit script between two line lists: Myers' O(ND) algorithm in its linear-space form
 * (bisect at the "middle snake", recurse on both halves), after two cheap reductions that make the
 * common cases fast: the common prefix and suffix are trimmed at every level, and lines that occur
 * on one side only are set aside first — they can never be matched, so leaving them out keeps the
 * script minimal while turning "rewrote the whole file" into a near-linear diff.
 */

/** Which lines of `a` are deleted, and which lines of `b` inserted, to turn `a` into `b`. */
export interface LineChanges {
  readonly deleted: Uint8Array;
  readonly inserted: Uint8Array;
}

export function diffLines(a: readonly string[], b: readonly string[]): LineChanges {
  const deleted = new Uint8Array(a.length);
  const inserted = new Uint8Array(b.length);
  // The common ends are settled by plain string comparison, before any hashing.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let aEnd = a.length;
  let bEnd = b.length;
  while (aEnd > start && bEnd > start && a[aEnd - 1] === b[bEnd - 1]) {
    aEnd--;
    bEnd--;
  }

  const ids = new Map<string, number>();
  const idsOf = (lines: readonly string[], from: number, to: number): Int32Array => {
    const result = new Int32Array(to - from);
    for (let i = from; i < to; i++) {
      const line = lines[i] ?? '';
      let id = ids.get(line);
      if (id === undefined) {
        id = ids.size;
        ids.set(line, id);
      }
      result[i - from] = id;
    }
    return result;
  };
  const aIds = idsOf(a, start, aEnd);
  const bIds = idsOf(b, start, bEnd);
  const inA = new Uint8Array(ids.size);
  const inB = new Uint8Array(ids.size);
  for (const id of aIds) inA[id] = 1;
  for (const id of bIds) inB[id] = 1;

  const aKept = keepShared(aIds, inB, deleted, start);
  const bKept = keepShared(bIds, inA, inserted, start);
  const core = new MiddleSnakeDiff(aKept.ids, bKept.ids);
  core.run();
  aKept.indexes.forEach((i, k) => (deleted[i] = core.deleted[k] ?? 0));
  bKept.indexes.forEach((j, k) => (inserted[j] = core.inserted[k] ?? 0));
  return { deleted, inserted };
}

/**
 * The lines that also occur on the other side (their ids, and their indexes in the whole file);
 * marks the others as changed.
 */
function keepShared(
  ids: Int32Array,
  onOtherSide: Uint8Array,
  changed: Uint8Array,
  offset: number,
): { ids: Int32Array; indexes: Int32Array } {
  const keptIds = new Int32Array(ids.length);
  const indexes = new Int32Array(ids.length);
  let count = 0;
  ids.forEach((id, i) => {
    if (onOtherSide[id]) {
      keptIds[count] = id;
      indexes[count] = i + offset;
      count++;
    } else {
      changed[i + offset] = 1;
    }
  });
  return { ids: keptIds.subarray(0, count), indexes: indexes.subarray(0, count) };
}

/** Myers' linear-space diff over two id sequences; fills `deleted` and `inserted`. */
class MiddleSnakeDiff {
  readonly deleted: Uint8Array;
  readonly inserted: Uint8Array;
  readonly #a: Int32Array;
  readonly #b: Int32Array;
  /** Furthest x reached on each diagonal, forward and backward; shared by all levels of recursion. */
  readonly #forward: Int32Array;
  readonly #backward: Int32Array;
  readonly #offset: number;

  constructor(a: Int32Array, b: Int32Array) {
    this.#a = a;
    this.#b = b;
    this.deleted = new Uint8Array(a.length);
    this.inserted = new Uint8Array(b.length);
    this.#offset = Math.ceil((a.length + b.length) / 2) + 1;
    this.#forward = new Int32Array(2 * this.#offset + 1);
    this.#backward = new Int32Array(2 * this.#offset + 1);
  }

  run(): void {
    this.#diff(0, this.#a.length, 0, this.#b.length);
  }

  #diff(aLo: number, aHi: number, bLo: number, bHi: number): void {
    const a = this.#a;
    const b = this.#b;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
      aLo++;
      bLo++;
    }
    while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
      aHi--;
      bHi--;
    }
    if (aLo === aHi) {
      this.inserted.fill(1, bLo, bHi);
    } else if (bLo === bHi) {
      this.deleted.fill(1, aLo, aHi);
    } else {
      // After trimming, both ends differ, so the script has at least two edits and the middle
      // snake splits it into two strictly smaller problems.
      const [x0, y0, x1, y1] = this.#middleSnake(aLo, aHi, bLo, bHi);
      this.#diff(aLo, x0, bLo, y0);
      this.#diff(x1, aHi, y1, bHi);
    }
  }

  /**
   * Runs the forward and backward searches towards each other until their paths overlap, and
   * returns the snake (diagonal run) where they meet, as absolute [x0, y0, x1, y1].
   */
  #middleSnake(aLo: number, aHi: number, bLo: number, bHi: number): [number, number, number, number] {
    const a = this.#a;
    const b = this.#b;
    const forward = this.#forward;
    const backward = this.#backward;
    const o = this.#offset;
    const n = aHi - aLo;
    const m = bHi - bLo;
    const delta = n - m;
    const odd = (delta & 1) !== 0;
    forward[o + 1] = 0;
    backward[o + 1] = 0;
    for (let d = 0, max = Math.ceil((n + m) / 2); d <= max; d++) {
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && at(forward, o + k - 1) < at(forward, o + k + 1))
          ? at(forward, o + k + 1)
          : at(forward, o + k - 1) + 1;
        let y = x - k;
        const xStart = x;
        const yStart = y;
        while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
          x++;
          y++;
        }
        forward[o + k] = x;
        const c = delta - k;
        if (odd && c >= 1 - d && c <= d - 1 && x + at(backward, o + c) >= n) {
          return [aLo + xStart, bLo + yStart, aLo + x, bLo + y];
        }
      }
      for (let c = -d; c <= d; c += 2) {
        let x = c === -d || (c !== d && at(backward, o + c - 1) < at(backward, o + c + 1))
          ? at(backward, o + c + 1)
          : at(backward, o + c - 1) + 1;
        let y = x - c;
        const xStart = x;
        const yStart = y;
        while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) {
          x++;
          y++;
        }
        backward[o + c] = x;
        const k = delta - c;
        if (!odd && k >= -d && k <= d && x + at(forward, o + k) >= n) {
          return [aHi - x, bHi - y, aHi - xStart, bHi - yStart];
        }
      }
    }
    throw new Error('myers diff: the searches did not meet');
  }
}

function at(array: Int32Array, index: number): number {
  return array[index] ?? 0;
}
