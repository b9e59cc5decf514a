import "server-only";
// The reads of the REST API: its read-only resources, each limited to what the token's owner may see
// (the same scopes as the product's pages), paginated by ?page= and ?limit= (at most 100), and typed
// by the schemas of lib/api/schema.ts that the OpenAPI document is written from; and the tokens.
import {
  type ApiApplication,
  type ApiCall,
  type ApiConvention,
  type ApiDecision,
  type ApiList,
  type ApiPayment,
  apiPageSchema,
} from "@/lib/api/schema";
import { applicationScope } from "@/lib/applications/scope";
import {
  type Actor,
  assertCan,
  can,
  coordinatedRegions,
  isNationalMember,
} from "@/lib/auth/policy";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";

function query(url: URL) {
  return parseInput(
    apiPageSchema,
    Object.fromEntries(
      Object.keys(apiPageSchema.shape).flatMap((k) =>
        url.searchParams.has(k) ? [[k, url.searchParams.get(k)!]] : [],
      ),
    ),
  );
}

function list<T>(data: T[], total: number, q: { page: number; limit: number }): ApiList<T> {
  return {
    data,
    pagination: {
      page: q.page,
      limit: q.limit,
      total,
      pageCount: Math.max(1, Math.ceil(total / q.limit)),
    },
  };
}

const NOTHING = { id: { in: [] as string[] } };
/** Conventions (and so payments) the actor may read: the national cell all, a coordinator their region's. */
function conventionScope(actor: Actor): Prisma.ConventionWhereInput {
  if (isNationalMember(actor)) return {};
  const regions = coordinatedRegions(actor);
  return regions.length ? { application: { regionCode: { in: regions } } } : NOTHING;
}
function iso(d: Date): string;
function iso(d: Date | null): string | null;
function iso(d: Date | null) {
  return d ? d.toISOString() : null;
}
const skip = (q: { page: number; limit: number }) => ({
  skip: (q.page - 1) * q.limit,
  take: q.limit,
});

export async function apiCalls(_actor: Actor, url: URL): Promise<ApiList<ApiCall>> {
  const q = query(url);
  const where: Prisma.CallWhereInput = {
    phase: { not: "DRAFT" },
    ...(q.call ? { slug: q.call } : {}),
  };
  const [rows, total] = await Promise.all([
    db().call.findMany({ where, orderBy: [{ opensAt: "desc" }, { id: "asc" }], ...skip(q) }),
    db().call.count({ where }),
  ]);
  return list(
    rows.map((c) => ({
      id: c.id,
      slug: c.slug,
      title: c.title,
      year: c.year,
      phase: c.phase as ApiCall["phase"], // drafts are filtered out above
      opensAt: iso(c.opensAt),
      deadlineAt: iso(c.deadlineAt),
      envelopeCents: c.envelopeCents,
      minGrantCents: c.minGrantCents,
      maxGrantCents: c.maxGrantCents,
      durationMonths: c.durationMonths,
    })),
    total,
    q,
  );
}

export async function apiApplications(actor: Actor, url: URL): Promise<ApiList<ApiApplication>> {
  const q = query(url);
  const where: Prisma.ApplicationWhereInput = {
    AND: [applicationScope(actor), q.call ? { call: { slug: q.call } } : {}],
  };
  const [rows, total] = await Promise.all([
    db().application.findMany({
      where,
      orderBy: [{ reference: "asc" }, { id: "asc" }],
      ...skip(q),
      select: {
        id: true,
        reference: true,
        title: true,
        status: true,
        regionCode: true,
        territoryType: true,
        amountRequestedCents: true,
        submittedAt: true,
        pole: { select: { name: true } },
        call: { select: { slug: true } },
      },
    }),
    db().application.count({ where }),
  ]);
  return list(
    rows.map((a) => ({
      id: a.id,
      call: a.call.slug,
      reference: a.reference,
      title: a.title,
      poleName: a.pole.name,
      regionCode: a.regionCode,
      territoryType: a.territoryType,
      status: a.status,
      amountRequestedCents: a.amountRequestedCents,
      submittedAt: iso(a.submittedAt),
    })),
    total,
    q,
  );
}

export async function apiDecisions(actor: Actor, url: URL): Promise<ApiList<ApiDecision>> {
  const q = query(url);
  // The national cell reads every decision; others only published ones of the dossiers they may list.
  const where: Prisma.DecisionWhereInput = {
    AND: [
      { application: applicationScope(actor) },
      can(actor, "decision.readUnpublished") ? {} : { publishedAt: { not: null } },
      q.call ? { call: { slug: q.call } } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db().decision.findMany({
      where,
      orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
      ...skip(q),
      include: { application: { select: { reference: true } }, call: { select: { slug: true } } },
    }),
    db().decision.count({ where }),
  ]);
  return list(
    rows.map((d) => ({
      id: d.id,
      call: d.call.slug,
      applicationId: d.applicationId,
      reference: d.application.reference,
      outcome: d.outcome,
      amountCents: d.amountCents,
      reserveRank: d.reserveRank,
      decidedAt: iso(d.decidedAt),
      publishedAt: iso(d.publishedAt),
    })),
    total,
    q,
  );
}

export async function apiConventions(actor: Actor, url: URL): Promise<ApiList<ApiConvention>> {
  const q = query(url);
  const where: Prisma.ConventionWhereInput = {
    AND: [conventionScope(actor), q.call ? { application: { call: { slug: q.call } } } : {}],
  };
  const [rows, total] = await Promise.all([
    db().convention.findMany({
      where,
      orderBy: [{ number: "asc" }],
      ...skip(q),
      include: {
        application: { select: { reference: true, call: { select: { slug: true } } } },
        payments: { select: { amountCents: true } },
      },
    }),
    db().convention.count({ where }),
  ]);
  return list(
    rows.map((c) => ({
      id: c.id,
      number: c.number,
      call: c.application.call.slug,
      applicationId: c.applicationId,
      reference: c.application.reference,
      status: c.status,
      amountCents: c.amountCents,
      paidCents: c.payments.reduce((s, p) => s + p.amountCents, 0),
      sentAt: iso(c.sentAt),
      signatureDueAt: iso(c.signatureDueAt),
      signedByPoleAt: iso(c.signedByPoleAt),
      countersignedAt: iso(c.countersignedAt),
    })),
    total,
    q,
  );
}

export async function apiPayments(actor: Actor, url: URL): Promise<ApiList<ApiPayment>> {
  const q = query(url);
  const where: Prisma.PaymentWhereInput = {
    convention: {
      AND: [conventionScope(actor), q.call ? { application: { call: { slug: q.call } } } : {}],
    },
  };
  const [rows, total] = await Promise.all([
    db().payment.findMany({
      where,
      orderBy: [{ paidOn: "asc" }, { id: "asc" }],
      ...skip(q),
      include: { convention: { select: { number: true } }, tranche: { select: { label: true } } },
    }),
    db().payment.count({ where }),
  ]);
  return list(
    rows.map((p) => ({
      id: p.id,
      conventionId: p.conventionId,
      conventionNumber: p.convention.number,
      tranche: p.tranche?.label ?? null,
      amountCents: p.amountCents,
      paidOn: p.paidOn.toISOString().slice(0, 10),
      accountingReference: p.accountingReference,
    })),
    total,
    q,
  );
}

// ── Personal access tokens ──

export async function listApiTokens(actor: Actor) {
  assertCan(actor, "apiToken.manage");
  return db().apiToken.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdAt: true,
    },
  });
}

/** The token of this hash with its owner as an actor, whatever its state (the caller checks it). */
export async function findApiToken(tokenHash: string) {
  return db().apiToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          active: true,
          roles: { select: { role: true, regionCode: true } },
        },
      },
    },
  });
}
