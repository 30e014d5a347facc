// Whether the built daemon implements a method yet, for tests of features that wait on another
// one (e.g. `--resume` needs `thread/resume`): such a test is skipped, with the reason in its name,
// until the method lands, and runs from then on without anyone having to remember to enable it.
import { RpcError, spawnDaemon } from './daemon.js';

const METHOD_NOT_FOUND = -32601;

export async function implementsMethod(method: string): Promise<boolean> {
  const daemon = await spawnDaemon();
  try {
    await daemon.initialize();
    await daemon.request(method, {});
    return true;
  } catch (error) {
    if (error instanceof RpcError) return error.code !== METHOD_NOT_FOUND;
    throw error;
  } finally {
    await daemon.dispose();
  }
}
