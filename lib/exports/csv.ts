// CSV for French Excel: UTF-8 with a byte order mark, ";" between fields, CRLF between lines, fields
// quoted when needed; text that a spreadsheet would run as a formula (=, +, -, @ first) is defused
// with a leading apostrophe (CSV injection).
export const CSV_BOM = "\ufeff";

export type Cell = string | number | Date | null;

function text(value: Cell): string {
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return String(value).replace(".", ",");
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvField(value: Cell): string {
  const t = text(value);
  return /[";\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function csvLine(values: readonly Cell[]): string {
  return `${values.map(csvField).join(";")}\r\n`;
}
