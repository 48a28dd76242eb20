import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from '../../src/export/csv.js';

describe('toCsv (csv-stringify, Dutch spreadsheet settings)', () => {
  it('writes semicolons and CRLF, and a BOM only when asked', () => {
    expect(toCsv([['a', 'b'], ['c', 'd']])).toBe('a;b\r\nc;d\r\n');
    expect(toCsv([['a']], { bom: true })).toBe('\ufeffa\r\n');
  });

  it('quotes cells with a semicolon, a quote or a line break, doubling the quotes', () => {
    expect(toCsv([['x;y', 'zeg "ja"', 'regel 1\nregel 2', 'a\rb']])).toBe('"x;y";"zeg ""ja""";"regel 1\nregel 2";"a\rb"\r\n');
  });

  it('neutralises text cells that would start a formula with a single quote', () => {
    expect(toCsv([['=HYPERLINK("http://x","y")', '+31 6', '-kort', '@SUM(A1)', '\tTab', '\rCR']])).toBe(
      `"'=HYPERLINK(""http://x"",""y"")";'+31 6;'-kort;'@SUM(A1);'\tTab;"'\rCR"\r\n`,
    );
  });

  it('keeps plain numbers as numbers: negative, with a decimal comma, and JS numbers with a comma', () => {
    expect(toCsv([['-0,4', '-12', '2,00', '0', -0.4, -12, 3, 2.5]])).toBe('-0,4;-12;2,00;0;-0,4;-12;3;2,5\r\n');
  });

  it('does not take a cell for a number by its first character alone', () => {
    expect(neutraliseCell('-1+1')).toBe("'-1+1");
    expect(neutraliseCell('-0,4,5')).toBe("'-0,4,5");
    expect(neutraliseCell('-1e3')).toBe("'-1e3");
    expect(neutraliseCell('- 4')).toBe("'- 4");
    expect(neutraliseCell('-')).toBe("'-");
    expect(neutraliseCell('12=A1')).toBe('12=A1');
  });

  it('writes empty cells for null, undefined and a number that is not finite', () => {
    expect(toCsv([[null, undefined, Number.NaN, '']])).toBe(';;;\r\n');
  });
});
