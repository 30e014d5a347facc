// Checking what an old client relied on: placeholders (`${threadId}`) substituted from the values
// captured so far, and each path's matcher applied to the message the daemon sent.
import { isDeepStrictEqual } from 'node:util';
import { select } from './json-path.js';
import type { Matcher, TypeName } from './session-fixture.js';

const PLACEHOLDER = /\$\{([A-Za-z][A-Za-z0-9_]*)\}/g;
const WHOLE_PLACEHOLDER = /^\$\{([A-Za-z][A-Za-z0-9_]*)\}$/;

/** Values captured during a replay, plus the built-in ones (`workspace`, `home`). */
export class Captures {
  readonly #values = new Map<string, unknown>();

  constructor(builtIns: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(builtIns)) this.#values.set(name, value);
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  get(name: string): unknown {
    if (!this.#values.has(name)) throw new Error(`\${${name}} is used before it was captured`);
    return this.#values.get(name);
  }

  set(name: string, value: unknown): void {
    this.#values.set(name, value);
  }

  /** Replaces placeholders in every string of a JSON value. A string that is one placeholder
   * becomes the captured value itself (a number stays a number). */
  substitute<T>(value: T): T {
    if (typeof value === 'string') {
      const whole = WHOLE_PLACEHOLDER.exec(value);
      if (whole) return this.get(whole[1]!) as T;
      return value.replace(PLACEHOLDER, (_, name: string) => String(this.get(name))) as T;
    }
    if (Array.isArray(value)) return value.map((v) => this.substitute(v)) as T;
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.substitute(v)])) as T;
    }
    return value;
  }
}

export function jsonType(value: unknown): TypeName | 'undefined' {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as TypeName;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Why `value` fails `matcher`, or undefined when it holds. Captures bind only when `bind` is set. */
export function checkMatcher(value: unknown, matcher: Matcher, captures: Captures, bind: boolean): string | undefined {
  if (typeof matcher !== 'object' || matcher === null) {
    const expected = captures.substitute(matcher);
    return isDeepStrictEqual(value, expected) ? undefined : `expected ${show(expected)}, got ${show(value)}`;
  }
  if (matcher.present && value === undefined) return 'expected the field to be present, it is missing';
  if (matcher.equals !== undefined) {
    const expected = captures.substitute(matcher.equals);
    if (!isDeepStrictEqual(value, expected)) return `expected ${show(expected)}, got ${show(value)}`;
  }
  if (matcher.type !== undefined) {
    const allowed = Array.isArray(matcher.type) ? matcher.type : [matcher.type];
    const actual = jsonType(value);
    const ok = allowed.includes(actual as TypeName) || (actual === 'integer' && allowed.includes('number'));
    if (!ok) {
      const got = actual === 'undefined' || actual === 'null' ? show(value) : `${actual} ${show(value)}`;
      return `expected ${allowed.join(' or ')}, got ${got}`;
    }
  }
  if (matcher.oneOf !== undefined) {
    const options = captures.substitute(matcher.oneOf);
    if (!options.some((option) => isDeepStrictEqual(value, option))) return `expected one of ${show(options)}, got ${show(value)}`;
  }
  if (matcher.pattern !== undefined) {
    if (typeof value !== 'string' || !new RegExp(captures.substitute(matcher.pattern)).test(value)) {
      return `expected a string matching /${matcher.pattern}/, got ${show(value)}`;
    }
  }
  if (matcher.capture !== undefined) {
    if (value === undefined) return `expected a value to capture as \${${matcher.capture}}, the field is missing`;
    if (captures.has(matcher.capture)) {
      const known = captures.get(matcher.capture);
      if (!isDeepStrictEqual(value, known)) return `expected \${${matcher.capture}} = ${show(known)} again, got ${show(value)}`;
    } else if (bind) {
      captures.set(matcher.capture, value);
    }
  }
  return undefined;
}

/** Every path of `map` whose matcher fails on `message`, as `path: reason`. */
export function checkPaths(
  message: unknown,
  map: Readonly<Record<string, Matcher>>,
  captures: Captures,
  options: { bind: boolean },
): string[] {
  const failures: string[] = [];
  for (const [path, matcher] of Object.entries(map)) {
    const selected = select(message, path);
    if (selected.length === 0) failures.push(`${path}: expected at least one element, the array is empty`);
    for (const { path: at, value } of selected) {
      const reason = checkMatcher(value, matcher, captures, options.bind);
      if (reason) failures.push(`${at}: ${reason}`);
    }
  }
  return failures;
}
