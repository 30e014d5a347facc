// Lets Node 20 run the test kit's TypeScript straight from source (slow: it loads the TypeScript
// compiler; `npm run build` compiles the kit to test/support/dist instead):
//   node --import ./test/support/register-ts.mjs test/support/model-server-cli.ts --script s.json
// Type-only transpilation with the workspace's own `typescript`; no type checking here.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
