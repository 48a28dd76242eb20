import { stringify } from 'csv-stringify/sync';

/** One cell: text, a number (written with a decimal comma), or empty. */
export type CsvCell = string | number | null | undefined;

/**
 * A plain number as Dutch spreadsheets read it: an optional minus, digits and an optional
 * decimal comma part ("-12", "-0,4", "2,00"). Only these may start with "-" unchanged; a
 * cell is judged by this whole pattern, never by its first character alone.
 */
const PLAIN_NUMBER = /^-?\d+(?:,\d+)?$/;

/** The first characters with which Excel, LibreOffice and Google Sheets start a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as the spreadsheet must show it: a cell that would start a formula gets a
 * single quote in front (OWASP's advice), so "=HYPERLINK(...)" stays text; plain numbers
 * stay numbers.
 */
export function neutraliseCell(text: string): string {
  if (PLAIN_NUMBER.test(text)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A number with a decimal comma, as Dutch Excel reads it; not a number at all is an empty cell. */
function dutchNumber(n: number): string {
  return Number.isFinite(n) ? String(n).replace('.', ',') : '';
}

/**
 * Rows as CSV for Dutch spreadsheets, through csv-stringify: semicolons (Dutch Excel opens
 * them as columns, since the comma is the decimal sign), CRLF line ends, every text cell
 * neutralised against formulas, quotes doubled and cells with a semicolon, quote or line
 * break quoted. `bom` puts a byte order mark in front, so Excel reads the file as UTF-8.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>, options: { bom?: boolean } = {}): string {
  return stringify(
    rows.map((r) => [...r]),
    {
      bom: options.bom ?? false,
      delimiter: ';',
      record_delimiter: 'windows',
      // csv-stringify quotes a cell with the delimiter or a quote; a bare \n or \r inside a cell must be quoted too.
      quoted_match: /[\r\n]/,
      cast: {
        string: (value) => neutraliseCell(value),
        number: (value) => dutchNumber(value),
      },
    },
  );
}
