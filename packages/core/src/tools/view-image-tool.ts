/** `view_image`: shows the model an image file from the workspace. */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import * as z from 'zod';
import type { Tool } from './tool.js';
import { parseToolArgs } from './tool-args.js';

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const mimeTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

const ArgsSchema = z.object({ path: z.string().min(1) });

export const viewImageTool: Tool = {
  spec: {
    type: 'function',
    name: 'view_image',
    description: 'Shows you an image file (PNG, JPEG, GIF or WebP) from the workspace.',
    strict: false,
    parameters: {
      type: 'object',
      properties: { path: { type: 'string', description: 'Path of the image, relative to the working directory.' } },
      required: ['path'],
      additionalProperties: false,
    },
  },

  async run(call, ctx) {
    const parsed = parseToolArgs('view_image', ArgsSchema, call.arguments);
    if (!parsed.ok) return parsed.message;
    const path = resolve(ctx.settings.cwd, parsed.value.path);
    const mime = mimeTypes[extname(path).toLowerCase()];
    if (!mime) return `view_image: ${parsed.value.path} is not a PNG, JPEG, GIF or WebP file.`;
    try {
      const info = await stat(path);
      if (!info.isFile()) return `view_image: ${parsed.value.path} is not a file.`;
      if (info.size > MAX_IMAGE_BYTES) return `view_image: ${parsed.value.path} is larger than 20 MiB.`;
      const data = await readFile(path);
      const now = Date.now();
      ctx.emit({ type: 'itemStarted', turnId: ctx.turnId, item: { type: 'imageView', id: call.callId, path, startedAtMs: now, completedAtMs: null } });
      ctx.emit({ type: 'itemCompleted', turnId: ctx.turnId, item: { type: 'imageView', id: call.callId, path, startedAtMs: now, completedAtMs: Date.now() } });
      return [{ type: 'input_image', image_url: `data:${mime};base64,${data.toString('base64')}`, detail: 'auto' }];
    } catch (error) {
      return `view_image: cannot read ${parsed.value.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
  },
};
