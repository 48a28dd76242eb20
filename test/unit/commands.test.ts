import { describe, expect, it } from 'vitest';
import { matchCommand, normaliseText } from '../../src/core/commands.js';

const commands = [{ words: ['help'] }, { words: ['hulp'] }, { words: ['reflectie'] }, { words: ['reflectie', 'sluiten'] }, { words: ['instellen'] }];

describe('command matching', () => {
  it('matches whole words from the start, longest first', () => {
    expect(matchCommand('reflectie sluiten', commands)?.command.words).toEqual(['reflectie', 'sluiten']);
    expect(matchCommand('Reflectie   Sluiten nu', commands)).toEqual({ command: { words: ['reflectie', 'sluiten'] }, args: ['nu'] });
    expect(matchCommand('reflectie', commands)?.command.words).toEqual(['reflectie']);
    expect(matchCommand('reflectie starten', commands)).toEqual({ command: { words: ['reflectie'] }, args: ['starten'] });
  });

  it('does not match a command inside another word or later in the text', () => {
    expect(matchCommand('hulpvraag', commands)).toBeUndefined();
    expect(matchCommand('helpen', commands)).toBeUndefined();
    expect(matchCommand('ik wil hulp', commands)).toBeUndefined();
    expect(matchCommand('reflecties', commands)).toBeUndefined();
  });

  it('ignores leftover markup, non-breaking spaces and case', () => {
    expect(normaliseText('  <at>Leerlab</at>&nbsp;HELP\u00a0')).toBe('leerlab help');
    expect(matchCommand('\u00a0Help\n', commands)?.command.words).toEqual(['help']);
    expect(matchCommand('', commands)).toBeUndefined();
  });
});
