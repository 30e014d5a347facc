export { applyPlan, type ApplyOptions } from './apply-plan.js';
export { PatchApplyError, PatchParseError } from './errors.js';
export { type ParsedPatch, type PatchHunk, type PatchOperation, parsePatch } from './parse-patch.js';
export { type PatchPlan, type PlanOptions, type PlannedChange, planPatch } from './plan-patch.js';
export { summarizePatchResult } from './summarize-result.js';
export { unifiedDiff } from './unified-diff.js';
export { type WritableCheck, type WritePolicy, checkWritable } from './write-policy.js';
