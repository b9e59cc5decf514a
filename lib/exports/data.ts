import "server-only";
// The exports of a call (CSV, XLSX): the request checked, then the rows read in batches.
// What each export contains and, above all, which rows and columns a role may see: the national cell
// everything submitted; a regional coordinator only their region's, the scores only of the dossiers they
// declared no conflict with, only published decisions, no national analysis; anyone else nothing.
import { applicationScope } from "@/lib/applications/scope";
import { STATUS_LABELS } from "@/lib/applications/status";
import { type Actor, assertCan, coordinatedRegions, isNationalMember } from "@/lib/auth/policy";
import { CONVENTION_STATUS_LABELS } from "@/lib/conventions/rules";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  type Column,
  DATASET_LABELS,
  DATASETS,
  type Dataset,
  type ExportSource,
} from "@/lib/exports/columns";
import { exportStream } from "@/lib/exports/writers";
import type { Prisma } from "@/lib/generated/prisma/client";
import { OUTCOME_LABELS } from "@/lib/national/labels";
import { TERRITORY_LABELS } from "@/lib/poles/labels";
import { OPINION_LABELS } from "@/lib/regional/labels";

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

const BATCH = 1000;

/** The dossiers of the call the actor may list (the same scope as the lists of the product). */
function applicationWhere(actor: Actor, callId: string): Prisma.ApplicationWhereInput {
  const regional = isNationalMember(actor) ? {} : { regionCode: { in: coordinatedRegions(actor) } };
  return { AND: [applicationScope(actor), { callId, submittedAt: { not: null } }, regional] };
}

type Source<R> = {
  columns: Column<R>[];
  rows: (cursor: string | undefined) => Promise<(R & { id: string })[]>;
};

function pageArgs(cursor: string | undefined) {
  return {
    take: BATCH,
    orderBy: { id: "asc" as const },
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  };
}

const base = {
  reference: true,
  title: true,
  regionCode: true,
  region: { select: { name: true } },
  pole: { select: { name: true } },
} as const;
const dossierCols = <
  R extends { reference: string | null; pole: { name: string }; region: { name: string } },
>(): Column<R>[] => [
  { header: "Référence", kind: "text", value: (r) => r.reference },
  { header: "Pôle", kind: "text", value: (r) => r.pole.name },
  { header: "Région", kind: "text", value: (r) => r.region.name },
];

function source(actor: Actor, dataset: Dataset, callId: string): Source<never> {
  const where = applicationWhere(actor, callId);
  const cna = isNationalMember(actor);
  switch (dataset) {
    case "dossiers": {
      const select = {
        id: true,
        ...base,
        status: true,
        territoryType: true,
        amountRequestedCents: true,
        submittedAt: true,
        pole: { select: { name: true, carrierName: true, siret: true } },
      } as const;
      type R = Prisma.ApplicationGetPayload<{ select: typeof select }>;
      const columns: Column<R>[] = [
        ...dossierCols<R>(),
        { header: "Titre", kind: "text", value: (r) => r.title },
        { header: "Structure porteuse", kind: "text", value: (r) => r.pole.carrierName },
        { header: "SIRET", kind: "text", value: (r) => r.pole.siret },
        { header: "Territoire", kind: "text", value: (r) => TERRITORY_LABELS[r.territoryType] },
        { header: "Statut", kind: "text", value: (r) => STATUS_LABELS[r.status] },
        { header: "Montant demandé (€)", kind: "money", value: (r) => r.amountRequestedCents },
        { header: "Déposé le", kind: "date", value: (r) => r.submittedAt },
      ];
      return {
        columns,
        rows: (c: string | undefined) =>
          db().application.findMany({ where, select, ...pageArgs(c) }),
      } as unknown as Source<never>;
    }
    case "notes": {
      // A coordinator sees the scores of the dossiers whose content they may read (no conflict declared).
      const scoresWhere: Prisma.ApplicationWhereInput = cna
        ? where
        : { AND: [where, { conflicts: { some: { userId: actor.id, hasConflict: false } } }] };
      const select = {
        id: true,
        ...base,
        regionalOpinion: {
          select: { opinion: true, consolidatedScore: true, proposedAmountCents: true, rank: true },
        },
        ...(cna ? { nationalReview: { select: { score: true, amountCents: true } } } : {}),
      } as const;
      type R = Prisma.ApplicationGetPayload<{
        select: typeof select & { nationalReview: { select: { score: true; amountCents: true } } };
      }>;
      const columns: Column<R>[] = [
        ...dossierCols<R>(),
        {
          header: "Avis régional",
          kind: "text",
          value: (r) => (r.regionalOpinion ? OPINION_LABELS[r.regionalOpinion.opinion] : null),
        },
        {
          header: "Note régionale (/100)",
          kind: "score",
          value: (r) => r.regionalOpinion?.consolidatedScore ?? null,
        },
        {
          header: "Montant proposé par la région (€)",
          kind: "money",
          value: (r) => r.regionalOpinion?.proposedAmountCents ?? null,
        },
        { header: "Rang régional", kind: "integer", value: (r) => r.regionalOpinion?.rank ?? null },
        ...(cna
          ? ([
              {
                header: "Note nationale (/100)",
                kind: "score",
                value: (r) => r.nationalReview?.score ?? null,
              },
              {
                header: "Montant national (€)",
                kind: "money",
                value: (r) => r.nationalReview?.amountCents ?? null,
              },
            ] satisfies Column<R>[])
          : []),
      ];
      return {
        columns,
        rows: (c: string | undefined) =>
          db().application.findMany({
            where: { AND: [scoresWhere, { regionalOpinion: { isNot: null } }] },
            select,
            ...pageArgs(c),
          }),
      } as unknown as Source<never>;
    }
    case "decisions": {
      const decisionWhere: Prisma.DecisionWhereInput = {
        callId,
        application: where,
        ...(cna ? {} : { publishedAt: { not: null } }),
      };
      const select = {
        id: true,
        outcome: true,
        amountCents: true,
        reserveRank: true,
        decidedAt: true,
        publishedAt: true,
        application: { select: base },
      } as const;
      type R = Prisma.DecisionGetPayload<{ select: typeof select }>;
      const columns: Column<R>[] = [
        { header: "Référence", kind: "text", value: (r) => r.application.reference },
        { header: "Pôle", kind: "text", value: (r) => r.application.pole.name },
        { header: "Région", kind: "text", value: (r) => r.application.region.name },
        { header: "Décision", kind: "text", value: (r) => OUTCOME_LABELS[r.outcome] },
        { header: "Montant attribué (€)", kind: "money", value: (r) => r.amountCents },
        {
          header: "Rang sur la liste complémentaire",
          kind: "integer",
          value: (r) => r.reserveRank,
        },
        { header: "Décidé le", kind: "date", value: (r) => r.decidedAt },
        { header: "Publié le", kind: "date", value: (r) => r.publishedAt },
      ];
      return {
        columns,
        rows: (c: string | undefined) =>
          db().decision.findMany({ where: decisionWhere, select, ...pageArgs(c) }),
      } as unknown as Source<never>;
    }
    case "conventions": {
      const select = {
        id: true,
        number: true,
        status: true,
        amountCents: true,
        sentAt: true,
        signatureDueAt: true,
        signedByPoleAt: true,
        countersignedAt: true,
        application: { select: base },
        payments: { select: { amountCents: true } },
      } as const;
      type R = Prisma.ConventionGetPayload<{ select: typeof select }>;
      const columns: Column<R>[] = [
        { header: "Numéro", kind: "text", value: (r) => r.number },
        { header: "Référence du dossier", kind: "text", value: (r) => r.application.reference },
        { header: "Pôle", kind: "text", value: (r) => r.application.pole.name },
        { header: "Région", kind: "text", value: (r) => r.application.region.name },
        { header: "État", kind: "text", value: (r) => CONVENTION_STATUS_LABELS[r.status] },
        { header: "Montant (€)", kind: "money", value: (r) => r.amountCents },
        { header: "Envoyée le", kind: "date", value: (r) => r.sentAt },
        { header: "À signer avant le", kind: "date", value: (r) => r.signatureDueAt },
        { header: "Signée par le porteur le", kind: "date", value: (r) => r.signedByPoleAt },
        { header: "Contresignée le", kind: "date", value: (r) => r.countersignedAt },
        {
          header: "Versé (€)",
          kind: "money",
          value: (r) => r.payments.reduce((s, p) => s + p.amountCents, 0),
        },
      ];
      return {
        columns,
        rows: (c: string | undefined) =>
          db().convention.findMany({ where: { application: where }, select, ...pageArgs(c) }),
      } as unknown as Source<never>;
    }
    case "versements": {
      const select = {
        id: true,
        amountCents: true,
        paidOn: true,
        accountingReference: true,
        tranche: { select: { label: true } },
        convention: { select: { number: true, application: { select: base } } },
      } as const;
      type R = Prisma.PaymentGetPayload<{ select: typeof select }>;
      const columns: Column<R>[] = [
        { header: "Convention", kind: "text", value: (r) => r.convention.number },
        {
          header: "Référence du dossier",
          kind: "text",
          value: (r) => r.convention.application.reference,
        },
        { header: "Pôle", kind: "text", value: (r) => r.convention.application.pole.name },
        { header: "Région", kind: "text", value: (r) => r.convention.application.region.name },
        { header: "Tranche", kind: "text", value: (r) => r.tranche?.label ?? null },
        { header: "Montant (€)", kind: "money", value: (r) => r.amountCents },
        { header: "Date du versement", kind: "date", value: (r) => r.paidOn },
        { header: "Référence comptable", kind: "text", value: (r) => r.accountingReference },
      ];
      return {
        columns,
        rows: (c: string | undefined) =>
          db().payment.findMany({
            where: { convention: { application: where } },
            select,
            ...pageArgs(c),
          }),
      } as unknown as Source<never>;
    }
  }
}

/** The columns and the rows (in batches, by id) of an export of a call, as the actor may see them. */
export function exportSource(actor: Actor, dataset: Dataset, callId: string): ExportSource {
  assertCan(actor, "export.run");
  const s = source(actor, dataset, callId) as unknown as Source<{ id: string }>;
  return {
    columns: s.columns as Column<unknown>[],
    async *batches() {
      let cursor: string | undefined;
      for (;;) {
        const rows = await s.rows(cursor);
        if (rows.length) yield rows;
        if (rows.length < BATCH) return;
        cursor = rows[rows.length - 1]!.id;
      }
    },
  };
}
