/** What a user sends into a turn: text, images, audio, and references to skills or files. */
import * as z from 'zod';
import { nullish } from '../define.js';

export const ByteRangeSchema = z
  .object({
    start: z.int().nonnegative().describe('First byte, inclusive.'),
    end: z.int().nonnegative().describe('Last byte, exclusive.'),
  })
  .meta({ id: 'ByteRange', description: 'A span of bytes in a UTF-8 string.' });
export type ByteRange = z.infer<typeof ByteRangeSchema>;

export const TextElementSchema = z
  .object({
    byteRange: ByteRangeSchema.describe('Where the element sits in the surrounding text.'),
    placeholder: nullish(z.string()).describe('Text a client may show in place of the element.'),
  })
  .meta({
    id: 'TextElement',
    description: 'A client-defined span inside user text (a mention, a pasted block); the server keeps it as is.',
  });
export type TextElement = z.infer<typeof TextElementSchema>;

export const ImageDetailSchema = z.enum(['auto', 'low', 'high', 'original']).meta({
  id: 'ImageDetail',
  description: 'The resolution the model should look at an image with.',
});
export type ImageDetail = z.infer<typeof ImageDetailSchema>;

const hasUrlOrFileId = (value: { url?: string | undefined; fileId?: string | undefined }) =>
  value.url !== undefined || value.fileId !== undefined;
const URL_OR_FILE_ID = { message: 'either `url` or `fileId` is required' };

export const UserInputSchema = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('text'),
        text: z.string().describe('The text the user typed.'),
        text_elements: z
          .array(TextElementSchema)
          .optional()
          .describe('Spans of `text` the client renders specially (default none).'),
      })
      .describe('Plain text.'),
    z
      .object({
        type: z.literal('image'),
        url: z.string().optional().describe('Where to fetch the image (http(s) or data URL).'),
        fileId: z.string().optional().describe('An uploaded file of the model provider.'),
        detail: nullish(ImageDetailSchema).describe('Resolution hint for the model.'),
      })
      .refine(hasUrlOrFileId, URL_OR_FILE_ID)
      .describe('An image given by URL or uploaded file id (one of the two).'),
    z
      .object({
        type: z.literal('localImage'),
        path: z.string().describe('Path of an image file on the server host.'),
        detail: nullish(ImageDetailSchema).describe('Resolution hint for the model.'),
      })
      .describe('An image file the server reads from disk.'),
    z
      .object({
        type: z.literal('audio'),
        url: z.string().optional().describe('Where to fetch the audio (http(s) or data URL).'),
        fileId: z.string().optional().describe('An uploaded file of the model provider.'),
      })
      .refine(hasUrlOrFileId, URL_OR_FILE_ID)
      .describe('Audio given by URL or uploaded file id (one of the two).'),
    z
      .object({
        type: z.literal('localAudio'),
        path: z.string().describe('Path of an audio file on the server host.'),
      })
      .describe('An audio file the server reads from disk.'),
    z
      .object({
        type: z.literal('skill'),
        name: z.string().describe('Name of the skill.'),
        path: z.string().describe('Path of the skill’s SKILL.md.'),
      })
      .describe('Invoke a skill explicitly.'),
    z
      .object({
        type: z.literal('mention'),
        name: z.string().describe('Display name of the mentioned thing.'),
        path: z.string().describe('What is mentioned, as a path or URI.'),
      })
      .describe('A mention of a file, app or other resource.'),
  ])
  .meta({ id: 'UserInput', description: 'One piece of what the user sends in a turn.' });
export type UserInput = z.infer<typeof UserInputSchema>;
