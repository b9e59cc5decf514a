// The columns of each export: a French header, a kind (how the cell is written) and its value.
import { type CsvCell, defuseFormula } from "@/lib/csv";

export type ColumnKind = "text" | "money" | "date" | "score" | "integer";
export type Column<R> = {
  header: string;
  kind: ColumnKind;
  value: (row: R) => string | number | Date | null;
};

/** An export's columns and its rows, read in batches (lib/exports/data.ts), for the writers. */
export type ExportSource = { columns: Column<unknown>[]; batches: () => AsyncGenerator<unknown[]> };

export const DATASETS = ["dossiers", "notes", "decisions", "conventions", "versements"] as const;
export type Dataset = (typeof DATASETS)[number];

export const DATASET_LABELS: Record<Dataset, string> = {
  dossiers: "Dossiers",
  notes: "Notes et avis",
  decisions: "Décisions",
  conventions: "Conventions",
  versements: "Versements",
};

const parisDay = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/** A cell as the CSV writes it: money in euros with a decimal comma, scores out of 100, Paris dates. */
export function csvCell(kind: ColumnKind, value: string | number | Date | null): CsvCell {
  if (value === null) return null;
  if (kind === "money" && typeof value === "number")
    return (value / 100).toFixed(2).replace(".", ",");
  if (kind === "score" && typeof value === "number")
    return (value / 100).toFixed(2).replace(".", ",");
  if (kind === "date" && value instanceof Date) return parisDay.format(value);
  return value;
}

/** A cell as the XLSX writes it: numbers stay numbers (euros, points), dates stay dates, texts are defused. */
export function xlsxCell(
  kind: ColumnKind,
  value: string | number | Date | null,
): string | number | Date | null {
  if (value === null) return null;
  if ((kind === "money" || kind === "score") && typeof value === "number") return value / 100;
  return typeof value === "string" ? defuseFormula(value) : value;
}

export const XLSX_FORMATS: Partial<Record<ColumnKind, string>> = {
  money: '#,##0.00 "€"',
  score: "0.00",
  date: "dd/mm/yyyy",
};
