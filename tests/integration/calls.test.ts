import { describe, expect, it } from "vitest";
import { changeCallPhase, createCall } from "@/lib/calls/mutations";
import { db } from "@/lib/db";
import { CALL_2025 } from "@/prisma/demo";
import { makeActor, makeApplication, makeCall } from "../fixtures/factories";

describe("calls", () => {
  it("an administrator creates a call with its grid, documents, priorities and payment schedule, audited", async () => {
    const { call, admin } = await makeCall();
    const saved = await db().call.findUniqueOrThrow({
      where: { id: call.id },
      include: { criteria: true, documentKinds: true, tranches: true, levers: true },
    });
    expect(saved.phase).toBe("DRAFT");
    expect(saved.criteria).toHaveLength(5);
    expect(saved.documentKinds.filter((d) => d.required)).toHaveLength(5);
    expect(saved.tranches.map((t) => t.shareBps)).toEqual([7000, 3000]);
    expect(
      await db().auditEvent.count({
        where: { action: "call.create", entityId: call.id, actorId: admin.id },
      }),
    ).toBe(1);
  });

  it("refuses an incoherent call with a message on the field", async () => {
    const admin = await makeActor([{ role: "ADMIN", regionCode: null }]);
    await expect(
      createCall(admin, { ...CALL_2025, minGrantCents: 90_000_00 }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        minGrantCents: ["Le montant minimum doit être inférieur ou égal au maximum."],
      },
    });
    expect(await db().call.count()).toBe(0);
  });

  it("hides administration commands from other roles", async () => {
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await expect(createCall(cna, CALL_2025)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { call } = await makeCall();
    await expect(changeCallPhase(cna, call.id, "OPEN")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("moves phases through the transition table with guards and audit", async () => {
    const { call, admin } = await makeCall();
    await changeCallPhase(admin, call.id, "OPEN", new Date("2025-10-02T08:00:00Z"));
    await expect(
      changeCallPhase(admin, call.id, "REGIONAL_REVIEW", new Date("2025-11-02T22:00:00Z")),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "La date limite de dépôt n'est pas encore passée.",
    });
    await expect(changeCallPhase(admin, call.id, "DECIDED")).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    const owner = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await makeApplication({ callId: call.id, owner });
    await expect(changeCallPhase(admin, call.id, "DRAFT")).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await changeCallPhase(admin, call.id, "REGIONAL_REVIEW", new Date("2025-11-02T23:00:00Z"));
    await expect(changeCallPhase(admin, call.id, "NATIONAL_REVIEW")).rejects.toMatchObject({
      message: "Toutes les régions n'ont pas finalisé leur instruction.",
    });
    const phases = await db().auditEvent.findMany({
      where: { action: "call.phase", entityId: call.id },
      orderBy: { id: "asc" },
    });
    expect(phases.map((p) => (p.after as { phase: string }).phase)).toEqual([
      "OPEN",
      "REGIONAL_REVIEW",
    ]);
  });
});
