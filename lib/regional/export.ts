import "server-only";
import { STATUS_LABELS } from "@/lib/applications/status";
// The region's table as CSV: the same rows, filters of the policy included, as the list shows.
import type { Actor } from "@/lib/auth/policy";
import { toCsv } from "@/lib/csv";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { TERRITORY_LABELS } from "@/lib/poles/labels";
import { regionTable } from "@/lib/regional/data";
import { OPINION_LABELS } from "@/lib/regional/labels";

const round = (v: number | null | undefined, digits: number) =>
  v === null || v === undefined ? null : Number(v.toFixed(digits));

export async function regionCsv(actor: Actor, callSlug: string, regionCode: string) {
  const call = await db().call.findUnique({
    where: { slug: String(callSlug).slice(0, 100) },
    select: { id: true, slug: true, phase: true },
  });
  if (!call || call.phase === "DRAFT") throw new AppError("NOT_FOUND");
  const table = await regionTable(actor, call.id, String(regionCode).slice(0, 3), {
    sort: "reference",
    page: { page: 1, size: 100_000, skip: 0 },
  });
  const criteria = table.call.criteria;
  const header = [
    "Référence",
    "Pôle",
    "Territoire",
    "Statut",
    "Montant demandé (€)",
    "Évaluateurs affectés",
    "Évaluations rendues",
    ...criteria.flatMap((c) => [`${c.code} moyenne (/${c.maxScore})`, `${c.code} écart type`]),
    "Note pondérée moyenne (/100)",
    "Écart type de la note",
    "Écart max. de la note",
    "Divergence",
    "Avis régional",
    "Note consolidée (/100)",
    "Montant proposé (€)",
    "Rang",
  ];
  const rows = table.all.map((r) => [
    r.reference,
    r.poleName,
    TERRITORY_LABELS[r.territoryType],
    STATUS_LABELS[r.status],
    r.amountRequestedCents === null ? null : r.amountRequestedCents / 100,
    r.assigned,
    r.submitted,
    ...criteria.flatMap((c) => {
      const d = r.scores?.perCriterion.get(c.id);
      return [round(d?.mean, 2), round(d?.sd, 2)];
    }),
    round(
      r.scores?.weighted.mean === null || r.scores?.weighted.mean === undefined
        ? null
        : r.scores.weighted.mean / 100,
      2,
    ),
    round(
      r.scores?.weighted.sd === null || r.scores?.weighted.sd === undefined
        ? null
        : r.scores.weighted.sd / 100,
      2,
    ),
    round(
      r.scores?.weighted.spread === null || r.scores?.weighted.spread === undefined
        ? null
        : r.scores.weighted.spread / 100,
      2,
    ),
    r.scores ? (r.scores.disagreement ? "oui" : "non") : null,
    r.opinion ? OPINION_LABELS[r.opinion.opinion] : null,
    r.opinion ? r.opinion.consolidatedScore / 100 : null,
    r.opinion ? r.opinion.proposedAmountCents / 100 : null,
    r.opinion?.rank ?? null,
  ]);
  return { csv: toCsv(header, rows), fileName: `${call.slug}-${regionCode}-dossiers.csv` };
}
