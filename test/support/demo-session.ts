// The scripted session `npm run demo` plays, also used by the reference client's tests: a tiny
// project with an off-by-one bug; the agent plans, reads the code, asks to run the tests, fixes the
// bug with a patch, runs the tests again and says what it did. Run under the `untrusted` approval
// policy, reading runs unasked while the test runs and the patch wait for the user.
import { part, reply, type ScriptItem } from './model-script.js';

export const DEMO_PROMPT = 'The tests fail. Find the bug and fix it.';

/** The demo's project: file name → content. CommonJS, so it runs wherever it is copied. */
export const DEMO_PROJECT: Readonly<Record<string, string>> = {
  'math.js': [
    '// Adds up a list of numbers.',
    'function sum(numbers) {',
    '  let total = 0;',
    '  for (let i = 1; i < numbers.length; i++) total += numbers[i];',
    '  return total;',
    '}',
    '',
    'module.exports = { sum };',
    '',
  ].join('\n'),
  'test.js': [
    "const { sum } = require('./math.js');",
    '',
    'const cases = [[[], 0], [[4], 4], [[1, 2, 3], 6]];',
    'let failed = 0;',
    'for (const [numbers, expected] of cases) {',
    '  const actual = sum(numbers);',
    '  if (actual !== expected) {',
    '    failed += 1;',
    '    console.log(`FAIL sum(${JSON.stringify(numbers)}) = ${actual}, expected ${expected}`);',
    '  }',
    '}',
    "console.log(failed ? `${failed} of ${cases.length} tests failed` : `all ${cases.length} tests passed`);",
    'process.exitCode = failed ? 1 : 0;',
    '',
  ].join('\n'),
};

export const DEMO_FIX = [
  '*** Begin Patch',
  '*** Update File: math.js',
  '@@ function sum(numbers) {',
  '   let total = 0;',
  '-  for (let i = 1; i < numbers.length; i++) total += numbers[i];',
  '+  for (let i = 0; i < numbers.length; i++) total += numbers[i];',
  '   return total;',
  '*** End Patch',
  '',
].join('\n');

const plan = (done: number) =>
  ['Read the code', 'Run the tests', 'Fix the bug', 'Check the fix'].map((step, index) => ({
    step,
    status: index < done ? 'completed' : index === done ? 'inProgress' : 'pending',
  }));

/** One entry per model request, in order. */
export function demoScript(): ScriptItem[] {
  return [
    reply.of([part.text("I'll read the code, run the tests, then fix what fails."), part.toolCall({ name: 'update_plan', arguments: { plan: plan(0) } })]),
    reply.toolCall('exec_command', { cmd: 'cat math.js' }),
    reply.of([
      part.text('The loop starts at index 1, so the first number is never added. Let me confirm with the tests.'),
      part.toolCall({ name: 'exec_command', arguments: { cmd: 'node test.js' } }),
    ]),
    reply.of([part.text('Confirmed: sum([4]) is 0 and sum([1, 2, 3]) is 5. Fixing the loop.'), part.toolCall({ name: 'apply_patch', arguments: { input: DEMO_FIX } })]),
    reply.toolCall('exec_command', { cmd: 'node test.js' }),
    reply.toolCall('update_plan', { plan: plan(4) }),
    reply.text('Fixed: `sum` skipped the first number because its loop started at index 1. The tests pass now.'),
  ];
}
