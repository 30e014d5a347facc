import { builtInModels, DEFAULT_MODEL, findModel } from '@agentd/core';
import type { Handler } from '../handler.js';
import { requireConfig } from '../app-context.js';
import { configuredModelInfo, toProtocolModel } from '../mapping/models.js';
import { offsetPage } from '../mapping/offset-page.js';

/**
 * The models a client can pick, page by page; never empty. The configured model comes first (it is
 * the default, known to the catalog or not), then the rest of the built-in catalog. No model is
 * hidden, and the list is the same for every provider (`includeHidden`, `modelProvider`).
 */
export const modelList: Handler<'model/list'> = ({ cursor, limit }, ctx) => {
  const { config } = requireConfig(ctx.app);
  const defaultModel = config.model ?? DEFAULT_MODEL;
  const configured = findModel(defaultModel) ?? configuredModelInfo(defaultModel, config.model_reasoning_effort);
  const models = [configured, ...builtInModels.filter((model) => model.id !== configured.id)];
  return offsetPage(
    models.map((model) => toProtocolModel(model, model.id === defaultModel)),
    cursor,
    limit,
  );
};
