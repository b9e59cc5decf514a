import "server-only";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DATASET_LABELS, DATASETS, type Dataset } from "@/lib/exports/columns";
import { exportSource } from "@/lib/exports/datasets";
import { exportStream } from "@/lib/exports/writers";

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** An export of a call (by its slug) as a stream, after checking the dataset, the format and the right. */
export async function exportCall(
  actor: Actor,
  dataset: string,
  callSlug: string | null,
  format: string | null,
) {
  assertCan(actor, "export.run");
  if (!(DATASETS as readonly string[]).includes(dataset)) throw new AppError("NOT_FOUND");
  if (format !== "csv" && format !== "xlsx")
    throw new AppError("VALIDATION", "Format d'export attendu : csv ou xlsx.", {
      format: ["Format d'export attendu : csv ou xlsx."],
    });
  const call = await db().call.findFirst({
    where: { slug: String(callSlug ?? ""), phase: { not: "DRAFT" } },
    select: { id: true, year: true },
  });
  if (!call) throw new AppError("NOT_FOUND", "Appel inconnu.");
  const name = DATASET_LABELS[dataset as Dataset];
  const source = exportSource(actor, dataset as Dataset, call.id);
  return {
    stream: exportStream(source, format, name),
    contentType: CONTENT_TYPES[format],
    fileName: `${name} ${call.year}.${format}`,
  };
}
