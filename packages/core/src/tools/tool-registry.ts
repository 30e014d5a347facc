/**
 * The tools of a thread, in a fixed order: the built-in tools first, then MCP tools sorted by
 * name. The `tools` array of every request is built from this list, so it is identical from
 * request to request — a changed tools array would cost the provider's prompt cache.
 */
import type { FunctionToolSpec } from '../model/model-client.js';
import { sortedKeys } from '../model/sorted-json.js';
import { applyPatchTool } from './apply-patch-tool.js';
import { execCommandTool } from './exec-command-tool.js';
import { requestUserInputTool } from './request-user-input-tool.js';
import type { Tool } from './tool.js';
import { updatePlanTool } from './update-plan-tool.js';
import { viewImageTool } from './view-image-tool.js';

export const builtInTools: readonly Tool[] = [execCommandTool, applyPatchTool, updatePlanTool, requestUserInputTool, viewImageTool];

export class ToolRegistry {
  readonly #byName: ReadonlyMap<string, Tool>;
  readonly #specs: readonly FunctionToolSpec[];

  constructor(builtIns: readonly Tool[], extra: readonly Tool[] = []) {
    const sortedExtra = [...extra].sort((a, b) => (a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0));
    const all = [...builtIns, ...sortedExtra];
    this.#byName = new Map(all.map((tool) => [tool.spec.name, tool]));
    // Specs from elsewhere (MCP servers) get one key order, whatever order they arrived in.
    this.#specs = [...builtIns.map((tool) => tool.spec), ...sortedExtra.map((tool) => canonicalSpec(tool.spec))];
  }

  get specs(): readonly FunctionToolSpec[] {
    return this.#specs;
  }

  get(name: string): Tool | undefined {
    return this.#byName.get(name);
  }
}

function canonicalSpec(spec: FunctionToolSpec): FunctionToolSpec {
  return { type: 'function', name: spec.name, description: spec.description, strict: spec.strict, parameters: sortedKeys(spec.parameters) };
}
