import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../config/config-schema.js';
import { configuredModels } from './configured-models.js';

const config = (value: Record<string, unknown>) => ConfigSchema.parse(value);

describe('configured models', () => {
  it('lists the catalog for openai, the default first', () => {
    const models = configuredModels(config({ model: 'gpt-5.4' }));
    expect(models.map((model) => [model.id, model.isDefault])).toEqual([
      ['gpt-5.4', true],
      ['gpt-5.5', false],
      ['gpt-5.4-mini', false],
    ]);
    expect(models[0]).toMatchObject({ provider: 'openai', displayName: 'GPT-5.4', contextWindow: 258_400, supportsReasoning: true });
  });

  it('lists what a local provider is configured with', () => {
    const local = config({
      model: 'qwen3-coder',
      model_provider: 'local',
      model_context_window: 32_768,
      model_providers: { local: { base_url: 'http://127.0.0.1:8000/v1', wire_api: 'chat', models: ['qwen3-coder', 'llama3.3'] } },
    });
    expect(configuredModels(local)).toEqual([
      expect.objectContaining({ id: 'qwen3-coder', provider: 'local', displayName: 'qwen3-coder', contextWindow: 32_768, isDefault: true }),
      expect.objectContaining({ id: 'llama3.3', isDefault: false }),
    ]);
    expect(configuredModels(local, 'openai').every((model) => !model.isDefault)).toBe(true);
    expect(configuredModels(local, 'ollama')).toEqual([]);
  });
});
