// The prefix property of a thread's model requests: each request's `input` (or `messages`, on
// Chat Completions) is the previous request's plus new items at the end, byte for byte, with the
// same `tools` array and `prompt_cache_key` = the thread id. Checked on the raw bodies the
// scripted model server recorded.
import type { RecordedRequest } from './model-server.js';

export interface PrefixPair {
  /** Indexes in the list given. */
  readonly from: number;
  readonly to: number;
  /** Empty when the pair keeps the property; else what broke it. */
  readonly problems: string[];
}

export interface PrefixReport {
  readonly pairs: PrefixPair[];
  /** Pairs that keep the property, over all pairs (1 when there are none). */
  readonly stability: number;
}

/** The serialised conversation of a request, exactly as it appears in the raw body. */
export function conversationText(request: RecordedRequest): string {
  const key = request.endpoint === 'chat' ? 'messages' : 'input';
  const text = JSON.stringify(request.json?.[key]);
  if (text === undefined) throw new Error(`request #${request.index} has no ${key}`);
  // Proves the re-serialisation equals the bytes that went over the wire.
  if (!request.raw.includes(`"${key}":${text}`)) throw new Error(`request #${request.index}: ${key} is not byte-identical to its re-serialisation`);
  return text;
}

export function checkPrefixProperty(requests: readonly RecordedRequest[], threadId: string): PrefixReport {
  const pairs: PrefixPair[] = [];
  for (let index = 1; index < requests.length; index++) {
    const before = requests[index - 1] as RecordedRequest;
    const after = requests[index] as RecordedRequest;
    const problems: string[] = [];
    const a = conversationText(before);
    const b = conversationText(after);
    // `[x,y]` is a prefix of `[x,y,z]` once the closing bracket is off.
    if (!(b.startsWith(a.slice(0, -1)) && (b[a.length - 1] === ',' || b === a))) {
      problems.push(`conversation of #${after.index} does not extend #${before.index} (they differ at byte ${firstDifference(a, b)})`);
    }
    if (JSON.stringify(before.json.tools) !== JSON.stringify(after.json.tools)) problems.push(`tools of #${after.index} differ from #${before.index}`);
    for (const request of [before, after]) {
      if (request.json.prompt_cache_key !== threadId) problems.push(`prompt_cache_key of #${request.index} is ${request.json.prompt_cache_key}, not the thread id`);
    }
    pairs.push({ from: index - 1, to: index, problems });
  }
  const stable = pairs.filter((pair) => pair.problems.length === 0).length;
  return { pairs, stability: pairs.length === 0 ? 1 : stable / pairs.length };
}

function firstDifference(a: string, b: string): number {
  let index = 0;
  while (index < a.length && a[index] === b[index]) index++;
  return index;
}
