import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/log";
import { getCurrentCall } from "@/lib/calls/data";
import { db } from "@/lib/db";
import { DEMO_USERS } from "@/prisma/demo";
import { DOSSIERS_2025 } from "@/prisma/demo-2025";
import { seedDemo } from "@/prisma/seed";

// One test, since the demo is long to write (79 dossiers instructed through the commands) and the
// database is emptied before each test.
describe("demo data", () => {
  it("tells the story of the 2025 call (instructed in every region, decided, conventions) and opens the next edition today, idempotently", {
    timeout: 300_000,
  }, async () => {
    await seedDemo();
    const counts = async () => ({
      users: await db().user.count(),
      dossiers: await db().application.count(),
      audit: await db().auditEvent.count(),
    });
    const first = await counts();
    await seedDemo();
    expect(await counts()).toEqual(first);
    expect(await db().region.count()).toBe(18);
    expect(await db().departement.count()).toBe(101);

    // The 2025 call as published.
    const c2025 = await db().call.findUniqueOrThrow({
      where: { slug: "ami-ptce-2025" },
      include: { criteria: true, learningCommunities: true, priorities: true },
    });
    expect(c2025.deadlineAt.toISOString()).toBe("2025-11-02T22:59:59.000Z");
    expect(c2025.envelopeCents).toBe(500_000_00);
    expect([c2025.minGrantCents, c2025.maxGrantCents, c2025.durationMonths]).toEqual([
      30_000_00, 80_000_00, 24,
    ]);
    expect(c2025.criteria.reduce((s, k) => s + k.weightBps, 0)).toBe(10_000);
    expect(c2025.learningCommunities.map((l) => l.name).sort()).toEqual([
      "Alimentation durable",
      "Économie circulaire",
    ]);
    expect(c2025.priorities[0]?.territoryTypes).toEqual(["RURAL", "QPV"]);

    // Its 79 dossiers, submitted before the deadline, instructed and finalised by every region's cell.
    const dossiers = await db().application.findMany({
      where: { callId: c2025.id },
      include: {
        evaluations: true,
        regionalOpinion: true,
        assignments: { where: { withdrawnAt: null } },
      },
    });
    expect(dossiers).toHaveLength(79);
    expect(Object.values(DOSSIERS_2025).reduce((a, b) => a + b, 0)).toBe(79);
    expect(dossiers.every((d) => d.submittedAt! <= c2025.deadlineAt)).toBe(true);
    expect(dossiers.filter((d) => d.status === "INADMISSIBLE")).toHaveLength(2);
    const done = dossiers.filter((d) => ["LAUREATE", "RESERVE", "NOT_RETAINED"].includes(d.status));
    expect(done).toHaveLength(77);
    for (const d of done) {
      expect(d.assignments.length).toBeGreaterThanOrEqual(2);
      expect(
        d.evaluations.filter((e) => e.status === "SUBMITTED" && e.weightedScore !== null),
      ).toHaveLength(d.assignments.length);
      const o = d.regionalOpinion!;
      expect(o.rank).not.toBeNull();
      if (o.opinion !== "UNFAVORABLE")
        expect(o.proposedAmountCents >= 30_000_00 && o.proposedAmountCents <= 80_000_00).toBe(true);
    }
    expect(
      await db().regionalReview.count({ where: { callId: c2025.id, status: "FINALIZED" } }),
    ).toBe(18);

    // Dossiers that joined each learning community; evaluators' comments that differ from one dossier to the next.
    const communities = await db().application.groupBy({
      by: ["learningCommunityId"],
      where: { callId: c2025.id },
      _count: { _all: true },
    });
    for (const lc of c2025.learningCommunities)
      expect(
        communities.find((g) => g.learningCommunityId === lc.id)?._count._all ?? 0,
      ).toBeGreaterThanOrEqual(5);
    const comments = await db().criterionScore.findMany({
      where: { evaluation: { application: { callId: c2025.id } } },
      select: { comment: true, evaluation: { select: { applicationId: true } } },
    });
    const perDossier = new Map<string, string[]>();
    for (const c of comments)
      perDossier.set(c.evaluation.applicationId, [
        ...(perDossier.get(c.evaluation.applicationId) ?? []),
        c.comment,
      ]);
    expect(new Set([...perDossier.values()].map((list) => list.sort().join("|"))).size).toBe(
      perDossier.size,
    );
    expect(new Set(comments.map((c) => c.comment)).size).toBeGreaterThan(comments.length / 2);

    // Then decided nationally in merit order within the envelope, as the real edition: 8 laureates near 62 500 €.
    expect(c2025.phase).toBe("DECIDED");
    expect([c2025.selectionMethod, c2025.reserveListLength]).toEqual(["MERIT_ORDER", 5]);
    const decisions = await db().decision.findMany({
      where: { callId: c2025.id },
      include: { application: { select: { reference: true, regionalOpinion: true } } },
      orderBy: { meritRank: "asc" },
    });
    const laureates = decisions.filter((d) => d.outcome === "LAUREATE");
    expect(laureates).toHaveLength(8);
    const granted = laureates.reduce((sum, d) => sum + d.amountCents!, 0);
    expect(granted).toBeLessThanOrEqual(500_000_00);
    expect(granted / 8).toBeGreaterThan(55_000_00);
    expect(granted / 8).toBeLessThan(70_000_00);
    expect(
      decisions.every(
        (d) => d.publishedAt?.toISOString() === "2025-12-18T09:00:00.000Z" && d.letterKey !== null,
      ),
    ).toBe(true);
    expect(c2025.decisionsFinalizedAt?.toISOString()).toBe("2025-12-16T13:00:00.000Z");
    // Merit order: above the last laureate, every eligible dossier left out is so for the envelope or a priority.
    const lastFunded = Math.max(...laureates.map((d) => d.meritRank!));
    const eligible = (d: (typeof decisions)[number]) =>
      d.application.regionalOpinion!.opinion !== "UNFAVORABLE" &&
      d.score! >= c2025.qualityThreshold;
    for (const d of decisions.filter(
      (x) => x.meritRank! < lastFunded && x.outcome !== "LAUREATE" && eligible(x),
    )) {
      expect(d.passOverReason, d.application.reference!).toMatch(
        /^(L'enveloppe restante|La part minimale)/,
      );
    }
    expect(laureates.every((d) => d.application.regionalOpinion!.opinion !== "UNFAVORABLE")).toBe(
      true,
    );
    // A short ordered reserve list; the reserve letter only for it; the others not retained with their reason.
    const reserve = decisions
      .filter((d) => d.outcome === "RESERVE")
      .sort((a, b) => a.reserveRank! - b.reserveRank!);
    expect(reserve.map((d) => d.reserveRank)).toEqual([1, 2, 3, 4, 5]);
    expect(reserve.map((d) => d.meritRank)).toEqual(
      [...reserve.map((d) => d.meritRank)].sort((a, b) => a! - b!),
    );
    const notRetained = decisions.filter((d) => d.outcome === "NOT_RETAINED");
    expect(notRetained).toHaveLength(77 - 8 - 5);
    expect(notRetained.every((d) => d.passOverReason)).toBe(true);
    // Conventions signed in December 2025, first tranche paid.
    const conventions = await db().convention.findMany({
      where: { application: { callId: c2025.id } },
      include: { payments: true },
    });
    expect(conventions).toHaveLength(8);
    for (const c of conventions) {
      expect(c.status).toBe("COUNTERSIGNED");
      expect(c.countersignedAt!.toISOString().slice(0, 7)).toBe("2025-12");
      expect(c.payments).toHaveLength(1);
    }

    // Accounts: one per role in the printed list, every region's cell for the replay.
    const roles = await db().roleAssignment.groupBy({
      by: ["role", "regionCode"],
      _count: { _all: true },
    });
    const count = (role: string, regionCode: string | null) =>
      roles.find((r) => r.role === role && r.regionCode === regionCode)?._count._all ?? 0;
    for (const region of Object.keys(DOSSIERS_2025)) {
      expect(count("CRA_COORDINATOR", region)).toBe(1);
      expect(count("CRA_EVALUATOR", region)).toBe(2);
    }
    expect(count("CNA_MEMBER", null)).toBe(2);
    expect(count("ADMIN", null)).toBe(1);
    for (const u of DEMO_USERS)
      expect(await db().user.findUnique({ where: { email: u.email } }), u.email).not.toBeNull();

    // The next edition, open today, with applicants at work: a draft in Brittany, a submitted dossier in Occitanie.
    const current = await getCurrentCall();
    expect(current?.phase).toBe("OPEN");
    expect(current!.opensAt < new Date()).toBe(true);
    expect(current!.deadlineAt > new Date()).toBe(true);
    const open = await db().application.findMany({
      where: { callId: current!.id },
      include: { owner: { select: { email: true } } },
      orderBy: { createdAt: "asc" },
    });
    expect(open.map((d) => [d.owner.email, d.status, d.regionCode])).toEqual([
      ["porteur1@demo-ptce.fr", "DRAFT", "53"],
      ["porteur2@demo-ptce.fr", "SUBMITTED", "76"],
    ]);
    expect(open[1]!.reference).toMatch(/^AMI\d{4}-OCC-001$/);

    // Everything written through the commands, in an intact audit chain.
    const report = await verifyAuditChain(7);
    expect(report).toEqual({ ok: true, checked: await db().auditEvent.count() });
  });
});
