/**
 * Test support: the vendored Codex reference schema as ajv validators, and the recorded sessions.
 * Validators resolve a definition name in the v2 bundle first, then among the top-level definitions
 * of the full bundle (the handshake and the server-request types live only there).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export const REFERENCE_DIR = fileURLToPath(new URL('../reference/codex-0.169.0/', import.meta.url));

type JsonObject = { [key: string]: unknown };

export function readReferenceJson(file: string): JsonObject {
  return JSON.parse(readFileSync(`${REFERENCE_DIR}${file}`, 'utf8')) as JsonObject;
}

const v2Bundle = readReferenceJson('codex_app_server_protocol.v2.schemas.json');
const fullBundle = readReferenceJson('codex_app_server_protocol.schemas.json');

export const v2Definitions = v2Bundle.definitions as Record<string, JsonObject>;
const fullDefinitions = fullBundle.definitions as Record<string, JsonObject>;

/** The reference definition of a type, from whichever bundle has it. */
export function referenceDefinition(name: string): JsonObject | undefined {
  if (name in v2Definitions) return v2Definitions[name];
  if (name !== 'v2' && name in fullDefinitions) return fullDefinitions[name];
  return undefined;
}

/** ajv-formats is CommonJS with a default export; under NodeNext it arrives wrapped. */
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;

/** An ajv that knows the Rust-flavoured integer formats the reference uses. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const ranges: Record<string, [number, number]> = {
    int8: [-128, 127],
    uint8: [0, 255],
    int16: [-32768, 32767],
    uint16: [0, 65535],
    int32: [-2147483648, 2147483647],
    uint32: [0, 4294967295],
    int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    uint64: [0, Number.MAX_SAFE_INTEGER],
    uint: [0, Number.MAX_SAFE_INTEGER],
  };
  for (const [format, [min, max]] of Object.entries(ranges)) {
    ajv.addFormat(format, { type: 'number', validate: (value: number) => value >= min && value <= max });
  }
  for (const format of ['float', 'double']) ajv.addFormat(format, { type: 'number', validate: () => true });
  return ajv;
}

const referenceAjv = createAjv();
referenceAjv.addSchema({ ...v2Bundle, $id: 'codex-v2' });
referenceAjv.addSchema({ ...fullBundle, $id: 'codex-full' });
const validators = new Map<string, ValidateFunction>();

/** A validator for one reference definition; throws if the reference has no such type. */
export function referenceValidator(name: string): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    const bundle = name in v2Definitions ? 'codex-v2' : name in fullDefinitions ? 'codex-full' : undefined;
    if (!bundle) throw new Error(`the reference schema has no definition named ${name}`);
    validate = referenceAjv.compile({ $ref: `${bundle}#/definitions/${name}` });
    validators.set(name, validate);
  }
  return validate;
}

export function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ');
}

/** One message of a recorded session. */
export interface TranscriptLine {
  readonly file: string;
  readonly t: number;
  readonly dir: 'c->s' | 's->c';
  readonly message: JsonObject;
}

export function loadTranscripts(): TranscriptLine[] {
  const dir = `${REFERENCE_DIR}examples/`;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .sort()
    .flatMap((file) =>
      readFileSync(`${dir}${file}`, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
          const record = JSON.parse(line) as { t: number; dir: 'c->s' | 's->c'; line: string };
          return { file, t: record.t, dir: record.dir, message: JSON.parse(record.line) as JsonObject };
        }),
    );
}
