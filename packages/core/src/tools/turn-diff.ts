/**
 * The diff of everything a turn changed so far: each file's content before the turn first touched
 * it, against its content now. Sent to the client as `turn/diff/updated` after every patch.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { unifiedDiff } from './apply-patch/index.js';

export class TurnDiffTracker {
  readonly #cwd: string;
  /** Path → content before the turn touched it (null: did not exist). */
  readonly #baselines = new Map<string, string | null>();

  constructor(cwd: string) {
    this.#cwd = cwd;
  }

  /** Records a file's content before its first change in this turn. */
  remember(path: string, contentBefore: string | null): void {
    if (!this.#baselines.has(path)) this.#baselines.set(path, contentBefore);
  }

  get touched(): boolean {
    return this.#baselines.size > 0;
  }

  /** The whole turn's unified diff, files in the order they were first touched. */
  async diff(): Promise<string> {
    const parts: string[] = [];
    for (const [path, before] of this.#baselines) {
      const after = await readFile(path, 'utf8').catch(() => null);
      if (before === after) continue;
      const name = relative(this.#cwd, path) || path;
      parts.push(unifiedDiff(before ?? '', after ?? '', before === null ? '/dev/null' : name, after === null ? '/dev/null' : name));
    }
    return parts.join('');
  }
}
