/**
 * Models agentd knows about: their context windows and reasoning options. The configured model is
 * always usable, known or not; `model_context_window` in config.toml overrides the window.
 */
import type { ReasoningEffort } from '../config/config-schema.js';

export interface ModelInfo {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  readonly contextWindow: number;
  readonly defaultEffort: ReasoningEffort | null;
  readonly supportedEfforts: readonly ReasoningEffort[];
  readonly inputModalities: readonly ('text' | 'image')[];
  readonly supportsReasoning: boolean;
}

const reasoningEfforts: readonly ReasoningEffort[] = ['low', 'medium', 'high', 'xhigh'];

export const DEFAULT_MODEL = 'gpt-5.5';

export const builtInModels: readonly ModelInfo[] = [
  {
    id: 'gpt-5.5',
    displayName: 'GPT-5.5',
    description: 'Frontier model for coding and agentic work.',
    contextWindow: 258_400,
    defaultEffort: 'medium',
    supportedEfforts: reasoningEfforts,
    inputModalities: ['text', 'image'],
    supportsReasoning: true,
  },
  {
    id: 'gpt-5.4',
    displayName: 'GPT-5.4',
    description: 'Previous frontier model.',
    contextWindow: 258_400,
    defaultEffort: 'medium',
    supportedEfforts: reasoningEfforts,
    inputModalities: ['text', 'image'],
    supportsReasoning: true,
  },
  {
    id: 'gpt-5.4-mini',
    displayName: 'GPT-5.4 mini',
    description: 'Smaller, faster and cheaper.',
    contextWindow: 258_400,
    defaultEffort: 'medium',
    supportedEfforts: reasoningEfforts,
    inputModalities: ['text', 'image'],
    supportsReasoning: true,
  },
];

export function findModel(id: string): ModelInfo | undefined {
  return builtInModels.find((model) => model.id === id);
}

/** The context window for a model: the config's override, the catalog's value, or unknown. */
export function contextWindowOf(model: string, configured: number | undefined): number | null {
  return configured ?? findModel(model)?.contextWindow ?? null;
}

/** Share of the context window at which a thread compacts its history by default. */
export const AUTO_COMPACT_FRACTION = 0.9;

/**
 * Tokens of context at which the history is compacted: `model_auto_compact_token_limit` when set
 * (never beyond the default share of a known window), else 90% of the window; null when neither
 * is known — then only `thread/compact/start` compacts.
 */
export function autoCompactLimitOf(contextWindow: number | null, configuredLimit: number | undefined): number | null {
  if (contextWindow === null) return configuredLimit ?? null;
  const byWindow = Math.floor(contextWindow * AUTO_COMPACT_FRACTION);
  return configuredLimit === undefined ? byWindow : Math.min(configuredLimit, byWindow);
}
