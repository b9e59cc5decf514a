// CSV as French spreadsheets open it: UTF-8 with a byte order mark, ";" between fields, CRLF lines.
// A cell starting like a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe so that a value
// typed by an applicant can never run in the reader's spreadsheet.

export type CsvCell = string | number | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "number" ? String(value).replace(".", ",") : value;
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return "\uFEFF" + [header, ...rows].map((r) => r.map(cell).join(";")).join("\r\n") + "\r\n";
}
