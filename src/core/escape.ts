/** Escapes Teams markdown so user text shows as typed, never as formatting or links. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|>~<]/g, (c) => `\\${c}`);
}

/** The first line of a text, at most `max` characters, cut at a word with "…". */
export function firstLine(text: string, max: number): string {
  const line = text.split('\n')[0]!.trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
