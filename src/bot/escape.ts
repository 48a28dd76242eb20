/** Escapes Teams markdown so user text shows as typed, never as formatting or links. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|>~<]/g, (c) => `\\${c}`);
}
