import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listMessages, readAttachment } from "@/lib/applications/data";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import {
  getNationalDeclaration,
  getNationalDossier,
  nationalDeclarations,
} from "@/lib/national/data";
import {
  acceptSelection,
  declareNationalInterest,
  promoteReserve,
  recordLaureateWithdrawal,
  reviewDossier,
  updateDecision,
} from "@/lib/national/mutations";
import { storage } from "@/lib/storage/storage";
import { makeActor } from "../fixtures/factories";
import { PDF } from "../fixtures/files";
import { type DossierSpec, makeRegionalResults } from "../fixtures/regional-results";

const SPECS: DossierSpec[] = [
  {
    regionCode: "53",
    territoryType: "RURAL",
    opinion: "FAVORABLE",
    score: 8500,
    amountCents: 80_000_00,
  },
  {
    regionCode: "53",
    territoryType: "URBAN",
    opinion: "FAVORABLE",
    score: 8000,
    amountCents: 60_000_00,
  },
  {
    regionCode: "76",
    territoryType: "QPV",
    opinion: "RESERVED",
    score: 7000,
    amountCents: 50_000_00,
  },
];

/** The first dossier gets a full content: levers, indicators, budget, members and one attachment. */
async function world() {
  const results = await makeRegionalResults(SPECS);
  const target = results.dossiers[0]!;
  const app = await db().application.findUniqueOrThrow({
    where: { id: target.id },
    include: { call: { include: { levers: true, documentKinds: true } } },
  });
  await db().application.update({
    where: { id: app.id },
    data: {
      presentation: "Un pôle de réemploi des matériaux du bâtiment en centre Bretagne.",
      leverAnswers: {
        create: app.call.levers.map((l) => ({
          leverId: l.id,
          text: `Réponse au levier ${l.title}.`,
        })),
      },
      indicators: {
        create: [
          {
            label: "Tonnes réemployées",
            unit: "t",
            baseline: "0",
            targetYear1: "120",
            targetYear2: "300",
            position: 0,
          },
        ],
      },
      expenses: {
        create: [
          {
            category: "PERSONNEL",
            label: "Animatrice",
            year: 1,
            amountCents: 40_000_00,
            position: 0,
          },
          {
            category: "EQUIPMENT",
            label: "Outillage",
            year: 2,
            amountCents: 10_000_00,
            position: 1,
          },
        ],
      },
      fundings: {
        create: [
          {
            source: "THIS_CALL",
            funderName: "État",
            year: 1,
            amountCents: 30_000_00,
            status: "REQUESTED",
            position: 0,
          },
          {
            source: "REGIONAL_COUNCIL",
            funderName: "Région Bretagne",
            year: 2,
            amountCents: 20_000_00,
            status: "SECURED",
            position: 1,
          },
        ],
      },
    },
  });
  await db().poleMember.create({
    data: {
      poleId: app.poleId,
      name: "Recyclerie du Kreiz Breizh",
      category: "ESS_ENTERPRISE",
      position: 0,
    },
  });
  const key = `test/${app.id}/statuts.pdf`;
  await storage().put(key, PDF, "application/pdf");
  const attachment = await db().attachment.create({
    data: {
      purpose: "APPLICATION_DOCUMENT",
      applicationId: app.id,
      documentKindId: app.call.documentKinds[0]!.id,
      fileName: "statuts.pdf",
      mimeType: "application/pdf",
      sizeBytes: PDF.length,
      sha256: createHash("sha256").update(PDF).digest("hex"),
      storageKey: key,
      uploadedById: target.owner.id,
    },
  });
  const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }], "Julien Moreau");
  return { ...results, target, attachment, cna };
}

/** Every read and command on one dossier's content, analysis and decision line, for `actor`. */
function dossierAttempts(actor: Actor, callId: string, id: string, attachmentId: string) {
  return {
    getNationalDossier: () => getNationalDossier(actor, id),
    reviewDossier: () => reviewDossier(actor, id, { score: 8500, amountCents: 80_000_00 }),
    updateDecision: () =>
      updateDecision(actor, id, { outcome: "NOT_RETAINED", reasons: "Non retenu." }),
    recordLaureateWithdrawal: () =>
      recordLaureateWithdrawal(actor, id, { reason: "Courrier du porteur." }),
    promoteReserve: () => promoteReserve(actor, callId, id),
    readAttachment: () => readAttachment(actor, attachmentId),
    listMessages: () => listMessages(actor, id),
  };
}

describe("declarations of interests of the national cell", () => {
  it("a CNA member who declared a conflict gets not found for the dossier: content, analysis, decision line, attachments", async () => {
    const { call, target, attachment, cna } = await world();
    await acceptSelection(cna, call.id); // the list-level decision is not concerned
    expect(
      await declareNationalInterest(cna, target.id, {
        hasConflict: true,
        reason: "  Je siège au conseil d'administration de la structure porteuse.  ",
      }),
    ).toEqual({ hasConflict: true });
    const declaration = await db().conflictDeclaration.findUniqueOrThrow({
      where: { applicationId_userId: { applicationId: target.id, userId: cna.id } },
    });
    expect(declaration).toMatchObject({
      hasConflict: true,
      reason: "Je siège au conseil d'administration de la structure porteuse.",
    });
    const decisionBefore = await db().decision.findUniqueOrThrow({
      where: { applicationId: target.id },
    });
    for (const [name, attempt] of Object.entries(
      dossierAttempts(cna, call.id, target.id, attachment.id),
    )) {
      await expect(attempt(), name).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(getNationalDeclaration(cna, target.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db().nationalReview.count()).toBe(0);
    expect(await db().decision.findUniqueOrThrow({ where: { applicationId: target.id } })).toEqual(
      decisionBefore,
    );
    // The conflict closes this dossier only, to this member only.
    const other = await db().application.findFirstOrThrow({
      where: { callId: call.id, id: { not: target.id } },
    });
    await declareNationalInterest(cna, other.id, { hasConflict: false });
    expect((await getNationalDossier(cna, other.id)).application.id).toBe(other.id);
    const colleague = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await declareNationalInterest(colleague, target.id, { hasConflict: false });
    expect((await getNationalDossier(colleague, target.id)).dossier.presentation).toContain(
      "réemploi",
    );
    // The cell's declarations of the call, for its lists and minutes (the regional evaluators' are not among them).
    const rows = await nationalDeclarations(cna, call.id);
    expect(rows.map((r) => [r.user.id, r.applicationId, r.hasConflict])).toEqual([
      [cna.id, target.id, true],
      [cna.id, other.id, false],
      [colleague.id, target.id, false],
    ]);
    expect(rows[0]).toMatchObject({
      reason: "Je siège au conseil d'administration de la structure porteuse.",
      application: { reference: target.reference },
    });
    await expect(nationalDeclarations(target.owner, call.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "national.interest.declare", entityId: target.id, actorId: cna.id },
    });
    expect(event.after).toMatchObject({
      hasConflict: true,
      reason: "Je siège au conseil d'administration de la structure porteuse.",
    });
  });

  it("without a declaration: not found too; the page only gets the heading and the pole's members", async () => {
    const { call, target, attachment, cna } = await world();
    await acceptSelection(cna, call.id);
    for (const [name, attempt] of Object.entries(
      dossierAttempts(cna, call.id, target.id, attachment.id),
    )) {
      await expect(attempt(), name).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const heading = await getNationalDeclaration(cna, target.id);
    expect(heading).toMatchObject({
      id: target.id,
      reference: target.reference,
      region: { name: "Bretagne" },
      pole: { members: [{ name: "Recyclerie du Kreiz Breizh" }] },
    });
    expect(Object.keys(heading!).sort()).toEqual([
      "amountRequestedCents",
      "call",
      "id",
      "pole",
      "reference",
      "region",
      "regionCode",
      "status",
      "territoryType",
      "title",
    ]);
    expect(JSON.stringify(heading)).not.toContain("réemploi des matériaux");
  });

  it("after declaring no conflict: the whole dossier, its evaluations and opinion, an attachment, and the analysis", async () => {
    const { call, target, attachment, cna } = await world();
    expect(
      await declareNationalInterest(cna, target.id, {
        hasConflict: false,
        reason: "ignorée sans conflit",
      }),
    ).toEqual({ hasConflict: false });
    expect(
      (await db().conflictDeclaration.findFirstOrThrow({ where: { userId: cna.id } })).reason,
    ).toBeNull();
    expect(await getNationalDeclaration(cna, target.id)).toBeNull();
    const view = await getNationalDossier(cna, target.id);
    expect(view.dossier.presentation).toBe(
      "Un pôle de réemploi des matériaux du bâtiment en centre Bretagne.",
    );
    expect(view.dossier.leverAnswers).toHaveLength(view.dossier.call.levers.length);
    expect(view.dossier.leverAnswers.length).toBeGreaterThan(0);
    expect(view.dossier.indicators[0]).toMatchObject({
      label: "Tonnes réemployées",
      targetYear1: "120",
      targetYear2: "300",
    });
    expect(view.dossier.expenses.map((e) => [e.category, e.year, e.amountCents])).toEqual([
      ["PERSONNEL", 1, 40_000_00],
      ["EQUIPMENT", 2, 10_000_00],
    ]);
    expect(view.dossier.fundings.map((f) => [f.source, f.status, f.amountCents])).toEqual([
      ["THIS_CALL", "REQUESTED", 30_000_00],
      ["REGIONAL_COUNCIL", "SECURED", 20_000_00],
    ]);
    expect(view.dossier.pole.members.map((m) => [m.name, m.category])).toEqual([
      ["Recyclerie du Kreiz Breizh", "ESS_ENTERPRISE"],
    ]);
    expect(view.dossier.attachments.map((f) => f.id)).toEqual([attachment.id]);
    expect(view.application.evaluations).toHaveLength(2);
    for (const e of view.application.evaluations) {
      expect(e.recommendation).toBe("FAVORABLE");
      expect(e.scores.length).toBe(view.criteria.length);
      expect(e.scores.every((s) => s.comment.length > 0)).toBe(true);
    }
    expect(view.application.regionalOpinion).toMatchObject({
      opinion: "FAVORABLE",
      consolidatedScore: 8500,
      motivation: "Projet solide, avis favorable.",
    });
    const file = await readAttachment(cna, attachment.id);
    expect(Buffer.from(file.bytes).equals(PDF)).toBe(true);
    expect(file.fileName).toBe("statuts.pdf");
    expect(await reviewDossier(cna, target.id, { score: 8500, amountCents: 80_000_00 })).toEqual({
      adjusted: false,
    });
    await acceptSelection(cna, call.id);
    await updateDecision(cna, target.id, {
      outcome: "LAUREATE",
      amountCents: 80_000_00,
      reasons: "Retenu pour la qualité de sa coopération.",
    });
    expect(
      (await db().decision.findUniqueOrThrow({ where: { applicationId: target.id } })).reasons,
    ).toBe("Retenu pour la qualité de sa coopération.");
    // Another dossier, not declared, stays closed to the same member.
    const other = await db().application.findFirstOrThrow({
      where: { callId: call.id, id: { not: target.id } },
    });
    await expect(getNationalDossier(cna, other.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("declaring twice is refused with a clear message, whatever the second answer", async () => {
    const { target, cna } = await world();
    await declareNationalInterest(cna, target.id, { hasConflict: false });
    const message =
      "Vous avez déjà déclaré vos intérêts pour ce dossier : une déclaration ne se modifie pas.";
    await expect(
      declareNationalInterest(cna, target.id, { hasConflict: false }),
    ).rejects.toMatchObject({ code: "INVALID_STATE", message });
    await expect(
      declareNationalInterest(cna, target.id, {
        hasConflict: true,
        reason: "Finalement, je connais le président du pôle.",
      }),
    ).rejects.toMatchObject({ code: "INVALID_STATE", message });
    // Two tabs at once: one declaration, the other refused.
    const colleague = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const both = await Promise.allSettled([
      declareNationalInterest(colleague, target.id, { hasConflict: false }),
      declareNationalInterest(colleague, target.id, { hasConflict: false }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "INVALID_STATE", message },
    });
    expect(
      await db().conflictDeclaration.count({
        where: { applicationId: target.id, userId: { in: [cna.id, colleague.id] } },
      }),
    ).toBe(2);
    expect(await db().auditEvent.count({ where: { action: "national.interest.declare" } })).toBe(2);
  });

  it("bad input refused with a French message; nothing written", async () => {
    const { target, cna } = await world();
    const reason =
      "Précisez la nature du lien avec ce dossier (10 caractères au moins : membre du pôle, lien familial, mandat…).";
    await expect(
      declareNationalInterest(cna, target.id, { hasConflict: true, reason: "" }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { reason: [reason] } });
    await expect(
      declareNationalInterest(cna, target.id, { hasConflict: true, reason: "  mandat  " }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { reason: [reason] } });
    await expect(declareNationalInterest(cna, target.id, { reason: "" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        hasConflict: ["Indiquez si vous avez un conflit d'intérêts avec ce dossier."],
      },
    });
    await expect(
      declareNationalInterest(cna, target.id, { hasConflict: "non" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await db().conflictDeclaration.count({ where: { userId: cna.id } })).toBe(0);
  });

  it("only a CNA member declares, on a dossier of a finalised region", async () => {
    const { call, target, cells, dossiers, cna } = await world();
    const outsiders = [
      cells.get("53")!.coordinator,
      cells.get("53")!.evaluators[0]!,
      target.owner,
      await makeActor([{ role: "ADMIN", regionCode: null }]),
    ];
    for (const actor of outsiders)
      await expect(
        declareNationalInterest(actor, target.id, { hasConflict: false }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      declareNationalInterest(cna, "inconnu", { hasConflict: false }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await db().regionalReview.update({
      where: { callId_regionCode: { callId: call.id, regionCode: "76" } },
      data: { status: "OPEN" },
    });
    await expect(
      declareNationalInterest(cna, dossiers[2]!.id, { hasConflict: false }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A regional coordinator's own declaration (no conflict) opens nothing national.
    await expect(getNationalDossier(cells.get("53")!.coordinator, target.id)).rejects.toMatchObject(
      { code: "NOT_FOUND" },
    );
    expect(await db().auditEvent.count({ where: { action: "national.interest.declare" } })).toBe(0);
    expect(await db().conflictDeclaration.count({ where: { userId: cna.id } })).toBe(0);
  });
});
