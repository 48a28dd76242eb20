import { describe, expect, it } from 'vitest';
import { scrubNames } from '../../src/reflection/names.js';

describe('names of the partnership\'s people leave open answers', () => {
  const roster = ['Ben de Vries', 'José Jansen', 'Bo Li', 'Jong, Pieter de', 'Anna van den Berg'];
  const cases: Array<[string, string]> = [
    ['Ben de Vries doet veel', '[naam] doet veel'],
    ['ben de vries doet veel', '[naam] doet veel'], // a full name in any case
    ['Ben helpt, ik ben blij', '[naam] helpt, ik ben blij'], // "Ben" is a name, "ben" is not
    ['Met Vries en de Vries', 'Met [naam] en [naam]'],
    ['Jose en JOSÉ en Jansen', '[naam] en [naam] en [naam]'], // accents ignored, a capital counts
    ['Pieter de Jong en de Jong en Jong', '[naam] en [naam] en [naam]'], // "Achternaam, Voornaam tussenvoegsel"
    ['Bo Li kwam, Bo niet', '[naam] kwam, Bo niet'], // short names only as part of the full name
    ['Anna van den Berg; van den Berg; Berg', '[naam]; [naam]; [naam]'],
    ['De berg op en de Bergen', 'De berg op en de Bergen'], // whole words only, lower case is no name
    ['Benjamin is er niet', 'Benjamin is er niet'],
  ];
  for (const [text, expected] of cases) it(`"${text}"`, () => expect(scrubNames(text, roster)).toBe(expected));

  it('keeps the rest of the text exactly, including accents and line breaks', () => {
    expect(scrubNames('Één ding:\nJosé zegt ’t goed', roster)).toBe('Één ding:\n[naam] zegt ’t goed');
  });
});
