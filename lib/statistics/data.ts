import "server-only";
// Statistics of a call: the national cell for all regions (or one), a regional cell for its region only.
// Aggregates only (counts and sums): no dossier's content is read.
import { type Actor, assertCan, can } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TerritoryType } from "@/lib/generated/prisma/enums";
import { funnel, TERRITORY_ORDER } from "@/lib/statistics/funnel";

export async function callStatistics(actor: Actor, callId: string, regionCode: string | null) {
  if (regionCode === null) assertCan(actor, "statistics.national");
  else assertCan(actor, "region.read", { kind: "region", regionCode });
  const national = can(actor, "decision.readUnpublished");
  const inScope: Prisma.ApplicationWhereInput = { callId, ...(regionCode ? { regionCode } : {}) };
  // Outside the national cell, only published decisions are counted.
  const decisionWhere: Prisma.DecisionWhereInput = {
    outcome: "LAUREATE",
    application: inScope,
    ...(national ? {} : { publishedAt: { not: null } }),
  };
  const [call, all, submitted, regions, requested, awarded, signed, paidConventions, paid] =
    await Promise.all([
      db().call.findUniqueOrThrow({
        where: { id: callId },
        select: { envelopeCents: true, title: true },
      }),
      db().application.groupBy({
        by: ["status"],
        where: { ...inScope, submittedAt: null },
        _count: { _all: true },
      }),
      db().application.groupBy({
        by: ["regionCode", "territoryType", "status"],
        where: { ...inScope, submittedAt: { not: null } },
        _count: { _all: true },
      }),
      db().region.findMany({
        orderBy: { name: "asc" },
        select: { code: true, name: true },
        ...(regionCode ? { where: { code: regionCode } } : {}),
      }),
      db().application.aggregate({
        where: { ...inScope, submittedAt: { not: null }, status: { not: "WITHDRAWN" } },
        _sum: { amountRequestedCents: true },
      }),
      db().decision.aggregate({
        where: decisionWhere,
        _sum: { amountCents: true },
        _count: { _all: true },
      }),
      db().convention.count({
        where: { application: inScope, status: { in: ["SIGNED_BY_POLE", "COUNTERSIGNED"] } },
      }),
      db().convention.count({ where: { application: inScope, payments: { some: {} } } }),
      db().payment.aggregate({
        where: { convention: { application: inScope } },
        _sum: { amountCents: true },
      }),
    ]);
  const byRegion = regions.map((r) => {
    const counts = Object.fromEntries(TERRITORY_ORDER.map((t) => [t, 0])) as Record<
      TerritoryType,
      number
    >;
    for (const row of submitted)
      if (row.regionCode === r.code) counts[row.territoryType] += row._count._all;
    return {
      code: r.code,
      name: r.name,
      counts,
      total: TERRITORY_ORDER.reduce((s, t) => s + counts[t], 0),
    };
  });
  const statusRows = [
    ...all.map((r) => ({ status: r.status, submitted: false, count: r._count._all })),
    ...submitted.map((r) => ({ status: r.status, submitted: true, count: r._count._all })),
  ];
  return {
    callTitle: call.title,
    byRegion: regionCode ? byRegion : byRegion.filter((r) => r.total > 0),
    byTerritory: TERRITORY_ORDER.map((t) => ({
      territory: t,
      count: byRegion.reduce((s, r) => s + r.counts[t], 0),
    })),
    amounts: {
      envelopeCents: call.envelopeCents,
      requestedCents: requested._sum.amountRequestedCents ?? 0,
      awardedCents: awarded._sum.amountCents ?? 0,
      paidCents: paid._sum.amountCents ?? 0,
    },
    funnel: funnel(statusRows, { laureates: awarded._count._all, signed, paid: paidConventions }),
  };
}

export type CallStatistics = Awaited<ReturnType<typeof callStatistics>>;
