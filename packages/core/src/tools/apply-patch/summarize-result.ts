/**
 * The short text the model gets back when a patch is applied: which files were added, modified
 * and deleted, one per line, in the patch's order. The diff itself goes to the client, not the model,
 * which already knows what it wrote.
 */
import type { PatchPlan, PlannedChange } from './plan-patch.js';

export function summarizePatchResult(plan: PatchPlan): string {
  const lines = plan.changes.map(summaryLine);
  return `Success. Updated the following files:\n${lines.join('\n')}\n`;
}

function summaryLine(change: PlannedChange): string {
  switch (change.kind) {
    case 'add':
      return `A ${change.path}`;
    case 'delete':
      return `D ${change.path}`;
    case 'update':
      return change.movePath === undefined ? `M ${change.path}` : `M ${change.path} -> ${change.movePath}`;
  }
}
