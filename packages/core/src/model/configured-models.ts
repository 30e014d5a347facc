/**
 * The models a client can pick from, per provider: for `openai`, the built-in catalog; for any
 * provider, the models its `[model_providers.NAME]` table lists (`models = [...]`) and the
 * configured `model` when that provider is the configured one. Unknown models get their id as
 * name and the configured context window (or none).
 */
import type { Config, ReasoningEffort } from '../config/config-schema.js';
import { builtInModels, contextWindowOf, DEFAULT_MODEL, type ModelInfo } from './model-catalog.js';
import { DEFAULT_PROVIDER_ID } from './provider.js';

export interface ConfiguredModel {
  readonly id: string;
  readonly provider: string;
  readonly displayName: string;
  readonly description: string;
  /** Tokens, when known (catalog or `model_context_window`). */
  readonly contextWindow: number | null;
  readonly defaultEffort: ReasoningEffort | null;
  readonly supportedEfforts: readonly ReasoningEffort[];
  readonly inputModalities: readonly ('text' | 'image')[];
  readonly supportsReasoning: boolean;
  /** The model a new thread on this provider gets when the client names none. */
  readonly isDefault: boolean;
}

export function configuredModels(config: Config, providerId?: string): ConfiguredModel[] {
  const configuredProvider = config.model_provider ?? DEFAULT_PROVIDER_ID;
  const provider = providerId ?? configuredProvider;
  const catalog = provider === DEFAULT_PROVIDER_ID ? builtInModels : [];
  const defaultModel = provider === configuredProvider ? (config.model ?? (provider === DEFAULT_PROVIDER_ID ? DEFAULT_MODEL : undefined)) : undefined;
  const ids: string[] = [];
  const add = (id: string | undefined) => {
    if (id && !ids.includes(id)) ids.push(id);
  };
  add(defaultModel);
  for (const model of catalog) add(model.id);
  for (const id of config.model_providers[provider]?.models ?? []) add(id);
  return ids.map((id) => describe(id, provider, catalog.find((model) => model.id === id), id === defaultModel, config));
}

function describe(id: string, provider: string, known: ModelInfo | undefined, isDefault: boolean, config: Config): ConfiguredModel {
  return {
    id,
    provider,
    displayName: known?.displayName ?? id,
    description: known?.description ?? `Configured in config.toml (provider ${provider}).`,
    contextWindow: contextWindowOf(id, config.model_context_window),
    defaultEffort: known?.defaultEffort ?? null,
    supportedEfforts: known?.supportedEfforts ?? [],
    inputModalities: known?.inputModalities ?? ['text'],
    supportsReasoning: known?.supportsReasoning ?? false,
    isDefault,
  };
}
