/** Core's model catalog → protocol `Model` entries for `model/list`. */
import { type ModelInfo, type ReasoningEffort } from '@agentd/core';
import type { v2 } from '@agentd/protocol';

const EFFORT_DESCRIPTIONS: Readonly<Record<ReasoningEffort, string>> = {
  none: 'No reasoning: fastest answers.',
  minimal: 'As little reasoning as possible.',
  low: 'Quick answers with light reasoning.',
  medium: 'Balances speed and depth; a good default.',
  high: 'Thinks longer for hard problems.',
  xhigh: 'Thinks longest, for the hardest problems.',
};

/** What agentd assumes of a configured model it does not know. */
const UNKNOWN_MODEL_EFFORTS: readonly ReasoningEffort[] = ['low', 'medium', 'high'];

export function toProtocolModel(info: ModelInfo, isDefault: boolean): v2.Model {
  const supported = info.supportedEfforts.length > 0 ? info.supportedEfforts : (['none'] as const);
  return {
    id: info.id,
    model: info.id,
    displayName: info.displayName,
    description: info.description,
    hidden: false,
    isDefault,
    defaultReasoningEffort: info.defaultEffort ?? supported[0] ?? 'none',
    supportedReasoningEfforts: supported.map((effort) => ({ reasoningEffort: effort, description: EFFORT_DESCRIPTIONS[effort] })),
    inputModalities: [...info.inputModalities],
    serviceTiers: [],
    defaultServiceTier: null,
    supportsPersonality: false,
    upgrade: null,
  };
}

/** A model named in config.toml that the catalog does not know: usable, with assumed reasoning options. */
export function configuredModelInfo(id: string, effort: ReasoningEffort | undefined): ModelInfo {
  return {
    id,
    displayName: id,
    description: 'The model set in config.toml.',
    contextWindow: 0,
    defaultEffort: effort ?? 'medium',
    supportedEfforts: effort && !UNKNOWN_MODEL_EFFORTS.includes(effort) ? [...UNKNOWN_MODEL_EFFORTS, effort] : UNKNOWN_MODEL_EFFORTS,
    inputModalities: ['text'],
    supportsReasoning: true,
  };
}
