import "server-only";
import { type Actor, assertCan, type ConventionFacts, can } from "@/lib/auth/policy";
import type { ConventionFilter } from "@/lib/conventions/schema";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { paged } from "@/lib/pagination";
import { trancheAmounts } from "@/lib/payments/rules";
import { storage } from "@/lib/storage/storage";

/** What the policy needs to know of a convention, read from the database (never from the client). */
export async function conventionFacts(
  id: string,
  client: Tx | ReturnType<typeof db> = db(),
): Promise<ConventionFacts | undefined> {
  if (typeof id !== "string" || id.length > 40) return undefined;
  const c = await client.convention.findUnique({
    where: { id },
    select: {
      status: true,
      application: {
        select: {
          ownerId: true,
          regionCode: true,
          collaborators: { where: { acceptedAt: { not: null } }, select: { userId: true } },
        },
      },
    },
  });
  if (!c) return undefined;
  return {
    kind: "convention",
    status: c.status,
    ownerId: c.application.ownerId,
    regionCode: c.application.regionCode,
    collaboratorIds: c.application.collaborators.flatMap((x) => (x.userId ? [x.userId] : [])),
  };
}

const LIST_SELECT = {
  id: true,
  number: true,
  status: true,
  amountCents: true,
  sentAt: true,
  signatureDueAt: true,
  countersignedAt: true,
  reservePromotionDue: true,
  application: {
    select: {
      id: true,
      reference: true,
      regionCode: true,
      pole: { select: { name: true } },
      call: { select: { slug: true, year: true } },
    },
  },
  payments: { select: { amountCents: true } },
} as const;

/** One page of the conventions, for the national cell, with filters (call, status, region, text). */
export async function listConventions(
  actor: Actor,
  filter: ConventionFilter,
  page: { page: number; size: number; skip: number },
  now = new Date(),
) {
  assertCan(actor, "convention.manage");
  const status = filter.statut;
  const where: Prisma.ConventionWhereInput = {
    AND: [
      filter.appel ? { application: { call: { slug: filter.appel } } } : {},
      filter.region ? { application: { regionCode: filter.region } } : {},
      status === "OVERDUE"
        ? { status: "SENT", signatureDueAt: { lt: now } }
        : status === "PROMOTION"
          ? { reservePromotionDue: true }
          : status
            ? { status }
            : {},
      filter.q
        ? {
            OR: [
              { number: { contains: filter.q, mode: "insensitive" } },
              { application: { reference: { contains: filter.q, mode: "insensitive" } } },
              { application: { pole: { name: { contains: filter.q, mode: "insensitive" } } } },
            ],
          }
        : {},
    ],
  };
  const [items, total] = await Promise.all([
    db().convention.findMany({
      where,
      orderBy: [{ number: "asc" }],
      skip: page.skip,
      take: page.size,
      select: LIST_SELECT,
    }),
    db().convention.count({ where }),
  ]);
  return paged(
    items.map((c) => ({ ...c, paidCents: c.payments.reduce((s, p) => s + p.amountCents, 0) })),
    total,
    page.page,
    page.size,
  );
}

/** Laureates of a call whose decision is published and who have no convention yet. */
export async function countLaureatesWithoutConvention(actor: Actor, callId: string) {
  assertCan(actor, "convention.manage");
  return db().application.count({
    where: {
      callId,
      status: "LAUREATE",
      convention: null,
      decision: { outcome: "LAUREATE", publishedAt: { not: null } },
    },
  });
}

/** Committed (conventions not cancelled), paid and envelope of a call, for the national cell. */
export async function callPaymentTotals(actor: Actor, callId: string) {
  assertCan(actor, "convention.manage");
  const [call, committed, paid] = await Promise.all([
    db().call.findUniqueOrThrow({ where: { id: callId }, select: { envelopeCents: true } }),
    db().convention.aggregate({
      where: { application: { callId }, status: { not: "CANCELLED" } },
      _sum: { amountCents: true },
    }),
    db().payment.aggregate({
      where: { convention: { application: { callId } } },
      _sum: { amountCents: true },
    }),
  ]);
  return {
    envelopeCents: call.envelopeCents,
    committedCents: committed._sum.amountCents ?? 0,
    paidCents: paid._sum.amountCents ?? 0,
  };
}

const DETAIL = {
  application: {
    select: {
      id: true,
      reference: true,
      title: true,
      regionCode: true,
      ownerId: true,
      region: { select: { name: true } },
      pole: { select: { name: true, carrierName: true, siret: true } },
      indicators: {
        orderBy: { position: "asc" },
        select: { label: true, unit: true, targetYear1: true, targetYear2: true },
      },
      call: {
        select: {
          id: true,
          title: true,
          slug: true,
          year: true,
          envelopeCents: true,
          durationMonths: true,
          tranches: { orderBy: { position: "asc" } },
        },
      },
    },
  },
  payments: {
    orderBy: { paidOn: "asc" },
    include: { recordedBy: { select: { name: true } }, tranche: { select: { label: true } } },
  },
  reports: {
    orderBy: { dueAt: "asc" },
    include: {
      attachments: {
        orderBy: { createdAt: "asc" },
        select: { id: true, fileName: true, sizeBytes: true },
      },
    },
  },
  attachments: {
    where: { purpose: "SIGNED_CONVENTION" },
    orderBy: { createdAt: "desc" },
    select: { id: true, fileName: true, sizeBytes: true, sha256: true, createdAt: true },
  },
} as const;

/** A convention with its schedule (each tranche's amount and what was paid on it), payments and reports. */
export async function getConvention(actor: Actor, conventionId: string) {
  const facts = await conventionFacts(conventionId);
  assertCan(actor, "convention.read", facts);
  return conventionView(actor, conventionId, facts!);
}

/** The convention of a dossier, when there is one the actor may read (the applicant's page). */
export async function getConventionOfApplication(actor: Actor, applicationId: string) {
  const row = await db().convention.findUnique({
    where: { applicationId: String(applicationId) },
    select: { id: true },
  });
  if (!row) return null;
  const facts = await conventionFacts(row.id);
  if (!can(actor, "convention.read", facts)) return null;
  return conventionView(actor, row.id, facts!);
}

async function conventionView(
  actor: Actor,
  id: string,
  facts: NonNullable<Awaited<ReturnType<typeof conventionFacts>>>,
) {
  const c = await db().convention.findUniqueOrThrow({ where: { id }, include: DETAIL });
  const tranches = c.application.call.tranches;
  const amounts = trancheAmounts(c.amountCents, tranches);
  const schedule = tranches.map((t, i) => {
    const paidCents = c.payments
      .filter((p) => p.trancheId === t.id)
      .reduce((s, p) => s + p.amountCents, 0);
    return {
      id: t.id,
      label: t.label,
      shareBps: t.shareBps,
      condition: t.condition,
      amountCents: amounts[i]!,
      paidCents,
    };
  });
  const paidCents = c.payments.reduce((s, p) => s + p.amountCents, 0);
  const manage = can(actor, "convention.manage", facts);
  return {
    convention: c,
    schedule,
    paidCents,
    canManage: manage,
    canSign: can(actor, "convention.sign", facts),
    canReport: can(actor, "report.submit", facts),
    canDownload: manage || c.sentAt !== null,
  };
}

export type ConventionView = NonNullable<Awaited<ReturnType<typeof getConventionOfApplication>>>;

/** The PDF of the convention (as generated) or the latest signed copy, for those who may read it. */
export async function readConventionFile(
  actor: Actor,
  conventionId: string,
  which: "document" | "signed",
) {
  const facts = await conventionFacts(conventionId);
  assertCan(actor, "convention.read", facts);
  const c = await db().convention.findUniqueOrThrow({
    where: { id: conventionId },
    select: {
      number: true,
      documentKey: true,
      sentAt: true,
      attachments: {
        where: { purpose: "SIGNED_CONVENTION" },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
  });
  if (which === "document") {
    // The applicant sees the convention once it is sent; the national cell as soon as it is prepared.
    if (!c.documentKey || (!c.sentAt && !can(actor, "convention.manage", facts)))
      throw new AppError("NOT_FOUND");
    return {
      bytes: await storage().get(c.documentKey),
      fileName: `Convention ${c.number}.pdf`,
      mimeType: "application/pdf",
    };
  }
  const signed = c.attachments[0];
  if (!signed) throw new AppError("NOT_FOUND");
  return {
    bytes: await storage().get(signed.storageKey),
    fileName: `Convention ${c.number} signée.pdf`,
    mimeType: signed.mimeType,
  };
}
