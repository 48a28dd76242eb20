import { createHash } from 'node:crypto';
import type { School, Werkgroep } from './repo.js';

/**
 * A short fingerprint of the school and werkgroep lists in card order. Cards carry short
 * positional choice values ("s0", "w2"); the stamp lets the server refuse a card made
 * before the lists changed.
 */
export function listsStamp(schools: School[], werkgroepen: Werkgroep[]): string {
  return createHash('sha256')
    .update([...schools.map((s) => s.id), '|', ...werkgroepen.map((w) => w.id)].join(','))
    .digest('base64url')
    .slice(0, 12);
}
