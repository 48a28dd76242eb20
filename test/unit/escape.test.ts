import { describe, expect, it } from 'vitest';
import { escapeMarkdown, firstLine } from '../../src/core/escape.js';

describe('firstLine', () => {
  it('keeps a short first line, and cuts a long one at a word with an ellipsis', () => {
    expect(firstLine('Regiegroep donderdag\nAgenda volgt.', 40)).toBe('Regiegroep donderdag');
    expect(firstLine('Lees de stukken voor de regiegroep van donderdag', 20)).toBe('Lees de stukken…');
    expect(firstLine('Onafgebrokenlangwoordzonderspaties', 10)).toBe('Onafgebro…');
  });
  it('escapes after cutting, so no bold marker is left dangling', () => {
    expect(escapeMarkdown(firstLine('**Let op** morgen', 9))).toBe('\\*\\*Let…');
  });
});
