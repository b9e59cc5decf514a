import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/log";
import { getCurrentCall } from "@/lib/calls/data";
import { db } from "@/lib/db";
import { DEMO_USERS } from "@/prisma/demo";
import { seedDemo } from "@/prisma/seed";

describe("demo data", () => {
  it("tells the story of the 2025 call and opens the next edition today, idempotently", async () => {
    await seedDemo();
    await seedDemo();
    expect(await db().region.count()).toBe(18);
    expect(await db().departement.count()).toBe(101);
    expect(await db().user.count()).toBe(DEMO_USERS.length);

    const c2025 = await db().call.findUniqueOrThrow({ where: { slug: "ami-ptce-2025" }, include: { criteria: true, learningCommunities: true, priorities: true } });
    expect(c2025.deadlineAt.toISOString()).toBe("2025-11-02T22:59:59.000Z");
    expect(c2025.envelopeCents).toBe(500_000_00);
    expect([c2025.minGrantCents, c2025.maxGrantCents, c2025.durationMonths]).toEqual([30_000_00, 80_000_00, 24]);
    expect(c2025.criteria.reduce((s, k) => s + k.weightBps, 0)).toBe(10_000);
    expect(c2025.learningCommunities.map((l) => l.name).sort()).toEqual(["Alimentation durable", "Économie circulaire"]);
    expect(c2025.priorities[0]?.territoryTypes).toEqual(["RURAL", "QPV"]);

    const current = await getCurrentCall();
    expect(current?.phase).toBe("OPEN");
    expect(current!.opensAt < new Date()).toBe(true);
    expect(current!.deadlineAt > new Date()).toBe(true);
  });

  it("has a coordinator and two evaluators in three regions, two CNA members, an administrator, several applicants", async () => {
    await seedDemo();
    const roles = await db().roleAssignment.groupBy({ by: ["role", "regionCode"], _count: { _all: true } });
    const count = (role: string, regionCode: string | null) => roles.find((r) => r.role === role && r.regionCode === regionCode)?._count._all ?? 0;
    for (const region of ["53", "76", "32"]) {
      expect(count("CRA_COORDINATOR", region)).toBe(1);
      expect(count("CRA_EVALUATOR", region)).toBe(2);
    }
    expect(count("CNA_MEMBER", null)).toBe(2);
    expect(count("ADMIN", null)).toBe(1);
    expect(count("APPLICANT", null)).toBeGreaterThanOrEqual(3);
  });

  it("has applicants at work on the open call: a draft in Brittany, a submitted dossier in Occitanie", async () => {
    await seedDemo();
    const dossiers = await db().application.findMany({ include: { owner: { select: { email: true } } }, orderBy: { createdAt: "asc" } });
    expect(dossiers.map((d) => [d.owner.email, d.status, d.regionCode])).toEqual([
      ["porteur1@demo-ptce.fr", "DRAFT", "53"],
      ["porteur2@demo-ptce.fr", "SUBMITTED", "76"],
    ]);
    expect(dossiers[1]!.reference).toMatch(/^AMI\d{4}-OCC-001$/);
  });

  it("writes every creation in an intact audit chain", async () => {
    await seedDemo();
    const report = await verifyAuditChain(7);
    expect(report).toEqual({ ok: true, checked: await db().auditEvent.count() });
    expect(report.checked).toBeGreaterThan(DEMO_USERS.length);
  });
});
