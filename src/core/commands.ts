/**
 * Command words. Matching is on whole words from the start of the text, so
 * "reflectie sluiten" is not "reflectie" and "hulpvraag" is not "hulp".
 */


export function normaliseText(text: string | undefined): string {
  return (text ?? '')
    .replace(/<[^>]*>/g, ' ') // leftover markup, e.g. a second <at> mention
    .replace(/&nbsp;/gi, ' ')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

export function tokenize(text: string): string[] {
  return normaliseText(text).split(' ').filter(Boolean);
}

/**
 * Finds the longest command (one or more words) that the text starts with.
 * Returns the command and the rest of the words as arguments.
 */
export function matchCommand<T extends { words: string[] }>(text: string, commands: readonly T[]): { command: T; args: string[] } | undefined {
  const words = tokenize(text);
  let best: T | undefined;
  for (const c of commands) {
    if (c.words.length > words.length) continue;
    if (c.words.every((w, i) => words[i] === w) && (!best || c.words.length > best.words.length)) best = c;
  }
  return best ? { command: best, args: words.slice(best.words.length) } : undefined;
}
