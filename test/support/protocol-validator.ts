// Checks what the daemon sends against the Codex app-server reference schema (draft-07, vendored in
// test/fixtures/codex-protocol/). Schema files load on first use and one validator is compiled per
// method, then cached for the whole test process: a driver that never validates costs nothing.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { mergeExtensions, type ProtocolExtensions } from './agentd-extensions.js';

// ajv-formats is CommonJS with `module.exports = plugin`; under NodeNext its default import is typed
// as the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const FIXTURES = new URL('../fixtures/codex-protocol/', import.meta.url);
const SN = 'ServerNotification.json';
const SR = 'ServerRequest.json';
const V2 = 'v2.json';
const INIT = 'InitializeResponse.json';

/** Requests whose params are `null` in the reference, so their response type cannot be derived. */
const RESPONSE_OVERRIDES: Readonly<Record<string, string>> = {
  'account/gatewayOAuth/cancel': 'GatewayOAuthCancelResponse',
  'config/mcpServer/reload': 'McpServerRefreshResponse',
  'windowsSandbox/readiness': 'WindowsSandboxReadinessResponse',
  'account/logout': 'LogoutAccountResponse',
  'account/securitySetup/read': 'GetAccountSecuritySetupResponse',
  'account/workspaceMessages/read': 'GetWorkspaceMessagesResponse',
  'externalAgentConfig/import/readHistories': 'ExternalAgentConfigImportHistoriesReadResponse',
  'config/value/write': 'ConfigWriteResponse',
  'config/batchWrite': 'ConfigWriteResponse',
  'configRequirements/read': 'ConfigRequirementsReadResponse',
};

const REQUEST_ID = { anyOf: [{ type: 'string' }, { type: 'integer' }] };
const ERROR_RESPONSE = {
  type: 'object',
  required: ['id', 'error'],
  properties: {
    id: REQUEST_ID,
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'integer' }, message: { type: 'string' }, data: true },
    },
  },
};

type Json = Record<string, unknown>;
interface Branch {
  properties: { method: { enum: string[] }; params?: Json };
  required?: string[];
}
interface UnionSchema extends Json {
  oneOf: Branch[];
  definitions: Json;
  properties?: Json;
}

interface Loaded {
  ajv: Ajv;
  /** Per union file: the definitions that can be compiled from the v2 file instead (see `rebase`). */
  sharable: Map<string, (name: string) => boolean>;
  notifications: Map<string, Branch>;
  notificationRoot: UnionSchema;
  serverRequests: Map<string, Branch>;
  /** Client request method → response definition name (`undefined`: no schema for its result). */
  responses: Map<string, string | undefined>;
}

let loaded: Loaded | undefined;
const compiled = new Map<string, ValidateFunction>();

function readJson(name: string): any {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));
}

function byMethod(union: UnionSchema): Map<string, Branch> {
  const out = new Map<string, Branch>();
  for (const branch of union.oneOf) {
    const method = branch.properties.method.enum[0];
    if (method !== undefined) out.set(method, branch);
  }
  return out;
}

function paramsTypeName(params: Json | undefined): string | undefined {
  if (!params) return undefined;
  const ref = (p: Json): string | undefined => (typeof p.$ref === 'string' ? p.$ref.split('/').pop() : undefined);
  const direct = ref(params);
  if (direct) return direct;
  const options = Array.isArray(params.anyOf) ? (params.anyOf as Json[]) : [];
  return options.map(ref).find((n) => n !== undefined);
}

function load(): Loaded {
  if (loaded) return loaded;
  // No codegen optimisation pass: it costs more at compile time than it saves on small messages.
  const ajv = new Ajv({ strict: false, validateSchema: false, logger: false, allErrors: false, code: { optimize: false } });
  addFormats(ajv);
  // The reference annotates Rust integer widths as formats; check the ranges that matter.
  const int = (min: number, max: number) => ({ type: 'number' as const, validate: (n: number) => Number.isInteger(n) && n >= min && n <= max });
  ajv.addFormat('int32', int(-(2 ** 31), 2 ** 31 - 1));
  ajv.addFormat('int64', int(-Number.MAX_VALUE, Number.MAX_VALUE));
  ajv.addFormat('uint', int(0, Number.MAX_VALUE));
  ajv.addFormat('uint16', int(0, 2 ** 16 - 1));
  ajv.addFormat('uint32', int(0, 2 ** 32 - 1));
  ajv.addFormat('uint64', int(0, Number.MAX_VALUE));
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('float', { type: 'number', validate: () => true });

  const sn = readJson('ServerNotification.json') as UnionSchema;
  const sr = readJson('ServerRequest.json') as UnionSchema;
  const cr = readJson('ClientRequest.json') as UnionSchema;
  const v2 = readJson('codex_app_server_protocol.v2.schemas.json') as { definitions: Json };
  // Only the definitions go in: ajv compiles the whole root of a file the first time a ref points
  // into it, and the roots of the unions are `oneOf` every method (seconds of codegen).
  ajv.addSchema({ definitions: sn.definitions }, SN);
  ajv.addSchema({ definitions: sr.definitions }, SR);
  ajv.addSchema({ definitions: v2.definitions }, V2);
  ajv.addSchema(readJson('InitializeResponse.json') as Json, INIT);

  const responses = new Map<string, string | undefined>();
  for (const [method, branch] of byMethod(cr)) {
    const params = paramsTypeName(branch.properties.params);
    const name = RESPONSE_OVERRIDES[method] ?? (params?.endsWith('Params') ? `${params.slice(0, -'Params'.length)}Response` : undefined);
    responses.set(method, name === 'InitializeResponse' || (name && name in v2.definitions) ? name : undefined);
  }
  loaded = {
    ajv,
    sharable: new Map([
      [SN, sharedWithV2(sn.definitions, v2.definitions)],
      [SR, sharedWithV2(sr.definitions, v2.definitions)],
    ]),
    notifications: byMethod(sn),
    notificationRoot: sn,
    serverRequests: byMethod(sr),
    responses,
  };
  return loaded;
}

function refName(ref: string): string | undefined {
  return ref.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : undefined;
}

function refsIn(schema: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) refsIn(s, out);
  else if (isJson(schema)) {
    for (const [k, v] of Object.entries(schema)) {
      const name = k === '$ref' && typeof v === 'string' ? refName(v) : undefined;
      if (name !== undefined) out.add(name);
      else refsIn(v, out);
    }
  }
  return out;
}

function isJson(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Which definitions of a union file are the v2 file's own (same text but for `$schema` / `title`,
 * and so are all they refer to). Compiling those from the v2 file means a type used by both a
 * notification and a response (`Thread`, say) is compiled once. */
function sharedWithV2(local: Json, v2: Json): (name: string) => boolean {
  const canonical = (d: unknown): string => {
    if (!isJson(d)) return JSON.stringify(d);
    const { $schema: _s, title: _t, ...rest } = d;
    return JSON.stringify(rest);
  };
  const memo = new Map<string, boolean>();
  const check = (name: string): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, true); // cycles: assume shared while visiting
    let ok = name in v2 && canonical(local[name]) === canonical(v2[name]);
    if (ok) for (const dep of refsIn(local[name])) ok &&= check(dep);
    memo.set(name, ok);
    return ok;
  };
  return check;
}

/** A copy of a branch whose local refs (`#/definitions/X`) point into the file it came from, or into
 * the v2 file when the definition is the same there. */
function rebase<T>(schema: T, file: string): T {
  const shared = load().sharable.get(file);
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) => {
    if (key !== '$ref' || typeof value !== 'string' || !value.startsWith('#')) return value;
    const name = refName(value);
    return name !== undefined && shared?.(name) ? `${V2}${value}` : `${file}${value}`;
  }) as T;
}

function validator(key: string, build: (l: Loaded) => Json): ValidateFunction {
  const cached = compiled.get(key);
  if (cached) return cached;
  const l = load();
  const fn = l.ajv.compile(build(l));
  compiled.set(key, fn);
  return fn;
}

/** Ajv's errors, most specific first, as one line. */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return 'invalid';
  const depth = (e: ErrorObject): number => e.instancePath.split('/').length;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const e of [...errors].sort((a, b) => depth(b) - depth(a))) {
    const params = e.params as { allowedValues?: unknown; additionalProperty?: unknown };
    const extra =
      e.keyword === 'enum'
        ? ` ${JSON.stringify(params.allowedValues)}`
        : e.keyword === 'additionalProperties'
          ? ` (${String(params.additionalProperty)})`
          : '';
    const line = `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
    if (!seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
    if (lines.length === 5) break;
  }
  return lines.join('; ');
}

function check(fn: ValidateFunction, message: unknown): string[] {
  return fn(message) ? [] : [formatErrors(fn.errors)];
}

/** Validates the server's messages; each method returns its problems (empty when valid). */
export class ProtocolValidator {
  readonly extensions: ProtocolExtensions;

  constructor(extra?: Partial<ProtocolExtensions>) {
    this.extensions = mergeExtensions(extra);
  }

  /** A server → client notification (`{method, params, emittedAtMs?}`). */
  notification(method: string, message: unknown): string[] {
    if (!load().notifications.has(method)) {
      if (this.extensions.notifications.includes(method)) return [];
      return [`unknown notification method "${method}" (not in the reference schema nor the agentd extension allow-list)`];
    }
    return check(
      validator(`notification:${method}`, (l) => {
        const branch = rebase(l.notifications.get(method)!, SN);
        const emittedAtMs = rebase(l.notificationRoot.properties?.emittedAtMs, SN);
        return { ...branch, properties: { ...branch.properties, emittedAtMs } } as Json;
      }),
      message,
    );
  }

  /** A server → client request (`{id, method, params}`). */
  serverRequest(method: string, message: unknown): string[] {
    if (!load().serverRequests.has(method)) {
      if (this.extensions.serverRequests.includes(method)) return [];
      return [`unknown server request method "${method}" (not in the reference schema nor the agentd extension allow-list)`];
    }
    return check(validator(`serverRequest:${method}`, (l) => rebase(l.serverRequests.get(method)!, SR) as unknown as Json), message);
  }

  /** A success response (`{id, result}`) to a request the client sent with `method`. */
  response(method: string, message: unknown): string[] {
    const l = load();
    if (!l.responses.has(method)) {
      if (this.extensions.requests.includes(method)) return [];
      return [`a success response to "${method}", which is neither a reference method nor an agentd extension`];
    }
    const name = l.responses.get(method);
    if (name === undefined) return []; // the reference has no result schema for it
    const result = name === 'InitializeResponse' ? { $ref: INIT } : { $ref: `${V2}#/definitions/${name}` };
    return check(
      validator(`response:${method}`, () => ({ type: 'object', required: ['id', 'result'], properties: { id: REQUEST_ID, result } })),
      message,
    );
  }

  /** An error response (`{id, error: {code, message, data?}}`); the id is never null. */
  errorResponse(message: unknown): string[] {
    const problems = check(validator('error', () => ERROR_RESPONSE), message);
    const text = (message as { error?: { message?: unknown } } | null)?.error?.message;
    if (typeof text === 'string' && /\n\s+at .+[:(]/.test(text)) {
      problems.push('error message contains a stack trace');
    }
    return problems;
  }

  /** Whether the reference (or the allow-list) knows this client request method. */
  knowsRequest(method: string): boolean {
    return load().responses.has(method) || this.extensions.requests.includes(method);
  }
}
