import type { Handler } from '../handler.js';
import { requireThreads } from '../app-context.js';

/** The provider that answers with OpenAI's own login (ChatGPT); every other one uses API keys or nothing. */
const OPENAI_PROVIDER = 'openai';

/**
 * The account model requests use. agentd authenticates with API keys only, so there is never a
 * ChatGPT login to ask for: with a key in the environment the account is `apiKey`; without one,
 * only the built-in OpenAI provider needs a login (which a client then offers), while a custom or
 * local provider works without any (`requiresOpenaiAuth: false`).
 */
export const accountRead: Handler<'account/read'> = (_params, ctx) => {
  const threads = requireThreads(ctx.app);
  const provider = threads.provider(threads.config.model_provider ?? OPENAI_PROVIDER);
  const hasKey = provider.apiKey !== undefined && provider.apiKey !== '';
  return {
    account: hasKey ? { type: 'apiKey' } : null,
    requiresOpenaiAuth: provider.id === OPENAI_PROVIDER && !hasKey,
  };
};
