// The one CSV writer (csv-stringify), as French spreadsheets open it: UTF-8 with a byte order mark, ";" between
// fields, CRLF after every line, a field quoted when it holds ";", a quote or a line break (quotes doubled);
// numbers with a decimal comma, dates in ISO 8601. A text starting like a formula is defused (`defuseFormula`,
// also used by the XLSX writer).
import { type Options, stringify } from "csv-stringify/sync";

export type CsvCell = string | number | Date | null | undefined;

/**
 * A text starting like a formula (=, +, -, @, tab, CR) prefixed with an apostrophe, so that a value typed by an
 * applicant can never run in the reader's spreadsheet (formula injection), in a CSV or an XLSX file alike.
 */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const FRENCH_EXCEL: Options = {
  delimiter: ";",
  record_delimiter: "\r\n",
  // A lone CR or LF inside a field is quoted too (csv-stringify quotes only the whole CRLF without this).
  quote_record_delimiter: true,
  cast: {
    string: defuseFormula,
    number: (value) => String(value).replace(".", ","),
    date: (value) => value.toISOString(),
  },
};

/** Lines of CSV, each ended by CRLF (no byte order mark: for a file written in parts). */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(rows as CsvCell[][], FRENCH_EXCEL);
}

/** One line of CSV, ended by CRLF. */
export function csvLine(values: readonly CsvCell[]): string {
  return csvLines([values]);
}

/** One field as a line writes it. */
export function csvField(value: CsvCell): string {
  return stringify([[value]], { ...FRENCH_EXCEL, eof: false });
}

/**
 * A whole CSV file: byte order mark, header line, rows. `format` changes the separator or leaves the byte order
 * mark out, for a file read by programs rather than by Excel (open data: « , » and no mark).
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  format: { delimiter?: string; bom?: boolean } = {},
): string {
  return stringify([header, ...rows] as CsvCell[][], {
    ...FRENCH_EXCEL,
    delimiter: format.delimiter ?? ";",
    bom: format.bom ?? true,
  });
}
