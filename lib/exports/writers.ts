import "server-only";
// Streams an export as CSV or XLSX (exceljs' streaming writer: rows are written and released as they
// come, so memory stays flat however many dossiers there are).
import { PassThrough, Readable, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import { csvLines, toCsv } from "@/lib/csv";
import { csvCell, type ExportSource, XLSX_FORMATS, xlsxCell } from "@/lib/exports/columns";

async function writeCsv(source: ExportSource, out: Writable): Promise<number> {
  let count = 0;
  const write = (chunk: string) =>
    out.write(chunk) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r()));
  await write(
    toCsv(
      source.columns.map((c) => c.header),
      [],
    ),
  );
  for await (const batch of source.batches()) {
    await write(
      csvLines(batch.map((row) => source.columns.map((c) => csvCell(c.kind, c.value(row))))),
    );
    count += batch.length;
  }
  out.end();
  return count;
}

export async function writeXlsx(
  source: ExportSource,
  out: Writable,
  sheetName: string,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "AMI PTCE";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = source.columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: Math.min(40, Math.max(12, c.header.length + 2)),
    style: XLSX_FORMATS[c.kind] ? { numFmt: XLSX_FORMATS[c.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const batch of source.batches()) {
    for (const row of batch)
      sheet.addRow(source.columns.map((c) => xlsxCell(c.kind, c.value(row)))).commit();
    count += batch.length;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/** A web stream of the export, for a route handler's Response. */
export function exportStream(
  source: ExportSource,
  format: "csv" | "xlsx",
  sheetName: string,
): ReadableStream<Uint8Array> {
  const pass = new PassThrough();
  const done = format === "csv" ? writeCsv(source, pass) : writeXlsx(source, pass, sheetName);
  done.catch((error: unknown) =>
    pass.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return Readable.toWeb(pass) as ReadableStream<Uint8Array>;
}
