/** What a user sends in a turn: text, an image by URL (or data URL), or an image file on disk. */
export type UserInput =
  | { type: 'text'; text: string; text_elements?: unknown[] }
  | { type: 'image'; url: string; detail?: ImageDetail | null }
  | { type: 'localImage'; path: string; detail?: ImageDetail | null };

export type ImageDetail = 'auto' | 'low' | 'high' | 'original';

/** The text of an input list, for previews and titles. */
export function inputText(input: readonly UserInput[]): string {
  return input
    .filter((part): part is Extract<UserInput, { type: 'text' }> => part.type === 'text')
    .map((part) => part.text)
    .join('\n');
}
