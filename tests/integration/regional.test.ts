import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postMessage } from "@/lib/applications/mutations";
import type { Actor } from "@/lib/auth/policy";
import { changeCallPhase } from "@/lib/calls/mutations";
import { db } from "@/lib/db";
import { formatEuros } from "@/lib/format";
import { instructionDossier, regionTable } from "@/lib/regional/data";
import {
  assignEvaluators,
  assignSuggested,
  checkAdmissibility,
  declareConflict,
  finalizeRegion,
  rankRegion,
  reopenRegion,
  saveEvaluation,
  saveRegionalOpinion,
} from "@/lib/regional/mutations";
import { makeActor, makeApplication, makeCall } from "../fixtures/factories";
import { startSmtp } from "../fixtures/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

const PAGE = { page: 1, size: 50, skip: 0 };

/** A call whose submissions are closed, a Breton cell (coordinator, three evaluators), outsiders and one submitted dossier. */
async function setting() {
  const { call, admin } = await makeCall();
  await changeCallPhase(admin, call.id, "OPEN");
  await changeCallPhase(admin, call.id, "REGIONAL_REVIEW");
  const [coordinator, e1, e2, e3, otherCoordinator, otherEvaluator, applicant, cna] =
    await Promise.all([
      makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }], "Coordinatrice Bretagne"),
      makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }], "Alice Évaluatrice"),
      makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }], "Bruno Évaluateur"),
      makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }], "Chloé Évaluatrice"),
      makeActor([{ role: "CRA_COORDINATOR", regionCode: "76" }]),
      makeActor([{ role: "CRA_EVALUATOR", regionCode: "76" }]),
      makeActor([{ role: "APPLICANT", regionCode: null }]),
      makeActor([{ role: "CNA_MEMBER", regionCode: null }]),
    ]);
  const dossier = await makeApplication({ callId: call.id, owner: applicant, regionCode: "53" });
  await db().application.update({
    where: { id: dossier.id },
    data: { reference: "AMI2025-BRE-001", amountRequestedCents: 60_000_00 },
  });
  const criteria = await db().criterion.findMany({
    where: { callId: call.id },
    orderBy: { position: "asc" },
  });
  return {
    call,
    admin,
    coordinator,
    e1,
    e2,
    e3,
    otherCoordinator,
    otherEvaluator,
    applicant,
    cna,
    id: dossier.id,
    criteria,
  };
}

type Setting = Awaited<ReturnType<typeof setting>>;

function scoresInput(s: Setting, values: (number | null | string)[], comment = "Argumenté.") {
  return {
    scores: Object.fromEntries(
      s.criteria.map((c, i) => [c.id, { score: values[i] ?? null, comment }]),
    ),
    recommendation: "FAVORABLE",
    comment: "Dossier solide.",
  };
}

/** Checked complete by the coordinator, evaluators assigned, each declared no conflict. */
async function evaluable(s: Setting, evaluators: Actor[]) {
  await declareConflict(s.coordinator, s.id, { hasConflict: false });
  await checkAdmissibility(s.coordinator, s.id, { decision: "COMPLETE" });
  await assignEvaluators(s.coordinator, s.id, { evaluatorIds: evaluators.map((e) => e.id) });
  for (const e of evaluators) await declareConflict(e, s.id, { hasConflict: false });
}

async function evaluatedWithOpinion(s: Setting) {
  await evaluable(s, [s.e1, s.e2]);
  await saveEvaluation(s.e1, s.id, scoresInput(s, [4, 4, 3, 4, 5]), true);
  await saveEvaluation(s.e2, s.id, scoresInput(s, [3, 4, 3, 3, 4]), true);
  await saveRegionalOpinion(s.coordinator, s.id, {
    opinion: "FAVORABLE",
    consolidatedScore: 7400,
    proposedAmountCents: 50_000_00,
    motivation: "Un pôle solide, à soutenir.",
  });
}

describe("completeness check", () => {
  it("the coordinator declares no conflict, then finds the dossier complete: it goes to evaluation", async () => {
    const s = await setting();
    await expect(
      checkAdmissibility(s.coordinator, s.id, { decision: "COMPLETE" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await declareConflict(s.coordinator, s.id, { hasConflict: false });
    await checkAdmissibility(s.coordinator, s.id, { decision: "COMPLETE" });
    const a = await db().application.findUniqueOrThrow({
      where: { id: s.id },
      include: { statusChanges: true },
    });
    expect(a.status).toBe("UNDER_REVIEW");
    expect(a.statusChanges.map((c) => c.to)).toEqual(["UNDER_REVIEW"]);
    await expect(
      checkAdmissibility(s.coordinator, s.id, { decision: "COMPLETE" }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("incomplete: missing documents are asked with a due date and the applicant is told by e-mail", async () => {
    const s = await setting();
    await declareConflict(s.coordinator, s.id, { hasConflict: false });
    await expect(
      checkAdmissibility(s.coordinator, s.id, {
        decision: "INCOMPLETE",
        message: "",
        documentCodes: [],
        dueDate: "2020-01-01",
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        message: ["Expliquez au porteur ce qui manque."],
        documentCodes: ["Choisissez au moins une pièce à demander."],
      },
    });
    await expect(
      checkAdmissibility(s.coordinator, s.id, {
        decision: "INCOMPLETE",
        message: "Le RIB manque.",
        documentCodes: ["rib"],
        dueDate: "2020-01-01",
      }),
    ).rejects.toMatchObject({
      fieldErrors: { dueDate: ["La date limite doit être postérieure à aujourd'hui."] },
    });
    await expect(
      checkAdmissibility(s.coordinator, s.id, {
        decision: "INCOMPLETE",
        message: "Le RIB manque.",
        documentCodes: ["inventee"],
        dueDate: "2099-01-01",
      }),
    ).rejects.toMatchObject({
      fieldErrors: { documentCodes: ["Une des pièces demandées n'existe pas dans cet appel."] },
    });
    await checkAdmissibility(s.coordinator, s.id, {
      decision: "INCOMPLETE",
      message: "Le RIB manque.",
      documentCodes: ["rib"],
      dueDate: "2099-01-01",
    });
    expect((await smtp.next(s.applicant.email)).headers.subject).toBe(
      "Pièces complémentaires demandées pour le dossier AMI2025-BRE-001 - AMI PTCE",
    );
    const request = await db().complementRequest.findFirstOrThrow({
      where: { applicationId: s.id },
    });
    expect(request).toMatchObject({
      documentCodes: ["rib"],
      status: "OPEN",
      message: "Le RIB manque.",
    });
    expect((await db().application.findUniqueOrThrow({ where: { id: s.id } })).status).toBe(
      "COMPLEMENT_REQUESTED",
    );
  });

  it("inadmissible: the reason is required and kept for the applicant", async () => {
    const s = await setting();
    await declareConflict(s.coordinator, s.id, { hasConflict: false });
    await expect(
      checkAdmissibility(s.coordinator, s.id, { decision: "INADMISSIBLE", reason: " " }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await checkAdmissibility(s.coordinator, s.id, {
      decision: "INADMISSIBLE",
      reason: "Le porteur n'est pas une structure de l'ESS.",
    });
    expect(await db().application.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
      status: "INADMISSIBLE",
      inadmissibleReason: "Le porteur n'est pas une structure de l'ESS.",
    });
    expect((await smtp.next(s.applicant.email)).headers.subject).toBe(
      "Dossier AMI2025-BRE-001 déclaré irrecevable - AMI PTCE",
    );
  });
});

describe("assignment", () => {
  it("needs the call's minimum of evaluators, all of the region's cell", async () => {
    const s = await setting();
    await declareConflict(s.coordinator, s.id, { hasConflict: false });
    await checkAdmissibility(s.coordinator, s.id, { decision: "COMPLETE" });
    await expect(
      assignEvaluators(s.coordinator, s.id, { evaluatorIds: [s.e1.id] }),
    ).rejects.toMatchObject({
      fieldErrors: { evaluatorIds: ["Choisissez au moins 2 évaluateurs."] },
    });
    await expect(
      assignEvaluators(s.coordinator, s.id, { evaluatorIds: [s.e1.id, s.otherEvaluator.id] }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await assignEvaluators(s.coordinator, s.id, { evaluatorIds: [s.e1.id, s.e2.id] });
    expect((await smtp.next(s.e1.email)).headers.subject).toBe(
      "Un dossier vous est confié - AMI PTCE",
    );
    const view = await instructionDossier(s.e1, s.id);
    expect(view.allowed).toMatchObject({ declare: true, read: false, evaluate: false });
    expect(view.dossier).toBeNull();
  });

  it("the bulk suggestion balances the workload over the region's evaluators", async () => {
    const s = await setting();
    const ids = [s.id];
    for (let i = 2; i <= 6; i++) {
      const d = await makeApplication({ callId: s.call.id, owner: s.applicant, regionCode: "53" });
      await db().application.update({
        where: { id: d.id },
        data: { reference: `AMI2025-BRE-00${i}` },
      });
      ids.push(d.id);
    }
    for (const id of ids.slice(0, 5))
      await declareConflict(s.coordinator, id, { hasConflict: false });
    const result = await assignSuggested(s.coordinator, s.call.id, "53");
    expect(result).toEqual({ assigned: 5, skipped: 1, incomplete: 0 });
    const loads = await db().evaluatorAssignment.groupBy({
      by: ["evaluatorId"],
      _count: { _all: true },
    });
    expect(loads.map((l) => l._count._all).sort()).toEqual([3, 3, 4]); // 10 assignments over 3 evaluators
    await expect(assignSuggested(s.otherCoordinator, s.call.id, "53")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("conflicts of interest", () => {
  it("a conflicted evaluator is withdrawn, the coordinator told, and the dossier and its scores are then not found for them", async () => {
    const s = await setting();
    await evaluable(s, [s.e1]).catch(() => {}); // one evaluator is below the minimum: assign two
    await assignEvaluators(s.coordinator, s.id, { evaluatorIds: [s.e1.id, s.e2.id] });
    await expect(
      declareConflict(s.e2, s.id, { hasConflict: true, reason: "" }),
    ).rejects.toMatchObject({ fieldErrors: { reason: [expect.stringContaining("Précisez")] } });
    await declareConflict(s.e2, s.id, {
      hasConflict: true,
      reason: "Je siège au conseil d'administration du pôle.",
    });
    expect((await smtp.next(s.coordinator.email)).headers.subject).toBe(
      "Conflit d'intérêts déclaré sur le dossier AMI2025-BRE-001 - AMI PTCE",
    );
    await expect(instructionDossier(s.e2, s.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      saveEvaluation(s.e2, s.id, scoresInput(s, [3, 3, 3, 3, 3]), false),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(declareConflict(s.e2, s.id, { hasConflict: false })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const table = await regionTable(s.e2, s.call.id, "53", { sort: "reference", page: PAGE });
    expect(table.list.total).toBe(0);
    // and the coordinator may not assign them again
    await expect(
      assignEvaluators(s.coordinator, s.id, { evaluatorIds: [s.e1.id, s.e2.id] }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("nobody reads the content before declaring", async () => {
    const s = await setting();
    const view = await instructionDossier(s.coordinator, s.id);
    expect(view.allowed).toMatchObject({
      declare: true,
      read: false,
      check: false,
      readEvaluations: false,
    });
    expect(view.dossier).toBeNull();
  });
});

describe("scoring", () => {
  it("refuses scores out of range, not numbers, missing comments, unknown criteria; computes the weighted total at submission", async () => {
    const s = await setting();
    await evaluable(s, [s.e1, s.e2]);
    const [c1, c2] = s.criteria;
    await expect(
      saveEvaluation(s.e1, s.id, scoresInput(s, [6, 4, 3, 4, 5]), true),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { [`scores.${c1!.id}.score`]: ["Choisissez une note entière de 0 à 5."] },
    });
    await expect(
      saveEvaluation(s.e1, s.id, scoresInput(s, ["quatre", 4, 3, 4, 5]), true),
    ).rejects.toMatchObject({
      fieldErrors: { [`scores.${c1!.id}.score`]: ["Choisissez une note entière de 0 à 5."] },
    });
    await expect(
      saveEvaluation(s.e1, s.id, scoresInput(s, [2.5, 4, 3, 4, 5]), true),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      saveEvaluation(s.e1, s.id, scoresInput(s, [4, 4, 3, 4, 5], ""), true),
    ).rejects.toMatchObject({
      fieldErrors: {
        [`scores.${c2!.id}.comment`]: ["Justifiez la note de ce critère par un commentaire."],
      },
    });
    const tampered = scoresInput(s, [4, 4, 3, 4, 5]);
    (tampered.scores as Record<string, unknown>)["criterion-of-another-call"] = {
      score: 5,
      comment: "x",
    };
    await expect(saveEvaluation(s.e1, s.id, tampered, true)).rejects.toMatchObject({
      code: "VALIDATION",
    });
    // a draft may be incomplete, and stays editable
    expect(
      await saveEvaluation(s.e1, s.id, scoresInput(s, [4, null, null, null, null], ""), false),
    ).toEqual({ weightedScore: null, status: "DRAFT" });
    // 4/5×25 + 4/5×25 + 3/5×15 + 4/5×20 + 5/5×15 = 20 + 20 + 9 + 16 + 15 = 80
    expect(await saveEvaluation(s.e1, s.id, scoresInput(s, [4, 4, 3, 4, 5]), true)).toEqual({
      weightedScore: 8000,
      status: "SUBMITTED",
    });
    await expect(
      saveEvaluation(s.e1, s.id, scoresInput(s, [5, 5, 5, 5, 5]), true),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "evaluation.submit", entityId: s.id },
    });
    expect(audit.actorId).toBe(s.e1.id);
  });

  it("the synthesis shows scores side by side with mean, spread and deviation, and flags a disagreement", async () => {
    const s = await setting();
    await evaluable(s, [s.e1, s.e2]);
    await saveEvaluation(s.e1, s.id, scoresInput(s, [5, 5, 5, 5, 5]), true); // 100
    await saveEvaluation(s.e2, s.id, scoresInput(s, [2, 2, 2, 2, 2]), true); // 40
    const view = await instructionDossier(s.coordinator, s.id);
    expect(view.synthesis!.weighted).toEqual({ mean: 7000, sd: 3000, spread: 6000, count: 2 });
    expect(view.synthesis!.perCriterion.get(s.criteria[0]!.id)).toEqual({
      mean: 3.5,
      sd: 1.5,
      spread: 3,
      count: 2,
    });
    expect(view.synthesis!.disagreement).toBe(true);
    expect(view.proposedScore).toBe(7000);
    // an evaluator sees only their own evaluation
    const own = await instructionDossier(s.e1, s.id);
    expect(own.evaluations.map((e) => e.evaluatorId)).toEqual([s.e1.id]);
    expect(own.synthesis).toBeNull();
    const table = await regionTable(s.coordinator, s.call.id, "53", {
      sort: "reference",
      page: PAGE,
      flagged: true,
    });
    expect(
      table.list.items.map((r) => [r.reference, r.submitted, r.assigned, r.scores?.weighted.mean]),
    ).toEqual([["AMI2025-BRE-001", 2, 2, 7000]]);
  });
});

describe("regional opinion, ranking and finalisation", () => {
  it("refuses an amount outside the call's bounds or above the request, and an opinion before the evaluations", async () => {
    const s = await setting();
    await evaluable(s, [s.e1, s.e2]);
    const opinion = {
      opinion: "FAVORABLE",
      consolidatedScore: 7400,
      proposedAmountCents: 50_000_00,
      motivation: "Un pôle solide.",
    };
    await expect(saveRegionalOpinion(s.coordinator, s.id, opinion)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "L'avis régional attend toutes les évaluations : 0 rendue(s) sur 2.",
    });
    await saveEvaluation(s.e1, s.id, scoresInput(s, [4, 4, 3, 4, 5]), true);
    await saveEvaluation(s.e2, s.id, scoresInput(s, [3, 4, 3, 3, 4]), true);
    await expect(
      saveRegionalOpinion(s.coordinator, s.id, { ...opinion, proposedAmountCents: 90_000_00 }),
    ).rejects.toMatchObject({
      fieldErrors: {
        proposedAmountCents: [
          `Le montant proposé doit être compris entre ${formatEuros(30_000_00)} et ${formatEuros(80_000_00)}.`,
        ],
      },
    });
    await expect(
      saveRegionalOpinion(s.coordinator, s.id, { ...opinion, proposedAmountCents: 70_000_00 }),
    ).rejects.toMatchObject({
      fieldErrors: {
        proposedAmountCents: [
          `Le montant proposé ne peut dépasser le montant demandé (${formatEuros(60_000_00)}).`,
        ],
      },
    });
    await expect(
      saveRegionalOpinion(s.coordinator, s.id, { ...opinion, motivation: "" }),
    ).rejects.toMatchObject({ fieldErrors: { motivation: ["Motivez l'avis régional."] } });
    await expect(
      saveRegionalOpinion(s.coordinator, s.id, { ...opinion, consolidatedScore: 10_001 }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await saveRegionalOpinion(s.coordinator, s.id, {
      ...opinion,
      opinion: "UNFAVORABLE",
      proposedAmountCents: null,
    });
    expect(
      await db().regionalOpinion.findUniqueOrThrow({ where: { applicationId: s.id } }),
    ).toMatchObject({ opinion: "UNFAVORABLE", proposedAmountCents: 0 });
  });

  it("finalising is refused while work is missing, then freezes the results, tells the national cell; only the national cell reopens", async () => {
    const s = await setting();
    await evaluable(s, [s.e1, s.e2]);
    await saveEvaluation(s.e1, s.id, scoresInput(s, [4, 4, 3, 4, 5]), true);
    await expect(finalizeRegion(s.coordinator, s.call.id, "53")).rejects.toMatchObject({
      code: "INVALID_STATE",
      message:
        "La région ne peut pas encore être finalisée (1 dossier(s)) : AMI2025-BRE-001 : évaluations manquantes (1 sur 2).",
    });
    await saveEvaluation(s.e2, s.id, scoresInput(s, [3, 4, 3, 3, 4]), true);
    await saveRegionalOpinion(s.coordinator, s.id, {
      opinion: "FAVORABLE",
      consolidatedScore: 7400,
      proposedAmountCents: 50_000_00,
      motivation: "Un pôle solide.",
    });
    await expect(finalizeRegion(s.coordinator, s.call.id, "53")).rejects.toMatchObject({
      message: expect.stringContaining("AMI2025-BRE-001 : à classer"),
    });
    await expect(
      rankRegion(s.coordinator, s.call.id, "53", { order: [s.id, "dossier-inconnu"] }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await rankRegion(s.coordinator, s.call.id, "53", { order: [s.id] });
    await expect(finalizeRegion(s.e1, s.call.id, "53")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await finalizeRegion(s.coordinator, s.call.id, "53")).toEqual({ count: 1 });
    expect((await smtp.next(s.cna.email)).headers.subject).toBe(
      "Résultats régionaux transmis : Bretagne - AMI PTCE",
    );
    expect((await db().application.findUniqueOrThrow({ where: { id: s.id } })).status).toBe(
      "REGIONAL_DONE",
    );

    // frozen: scoring, opinion, ranking and a second finalisation are refused with the reason
    const frozen = {
      code: "INVALID_STATE",
      message:
        "Les résultats de la région sont finalisés : la cellule nationale doit les rouvrir pour les modifier.",
    };
    await expect(
      saveEvaluation(s.e1, s.id, scoresInput(s, [5, 5, 5, 5, 5]), true),
    ).rejects.toMatchObject(frozen);
    await expect(
      saveRegionalOpinion(s.coordinator, s.id, {
        opinion: "FAVORABLE",
        consolidatedScore: 9000,
        proposedAmountCents: 50_000_00,
        motivation: "Changé.",
      }),
    ).rejects.toMatchObject(frozen);
    await expect(
      rankRegion(s.coordinator, s.call.id, "53", { order: [s.id] }),
    ).rejects.toMatchObject(frozen);
    await expect(finalizeRegion(s.coordinator, s.call.id, "53")).rejects.toMatchObject(frozen);

    await expect(
      reopenRegion(s.coordinator, s.call.id, "53", { reason: "Erreur" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reopenRegion(s.cna, s.call.id, "53", { reason: "" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await reopenRegion(s.cna, s.call.id, "53", { reason: "Montant à revoir avec la région." });
    expect((await smtp.next(s.coordinator.email)).headers.subject).toBe(
      "Résultats régionaux rouverts : Bretagne - AMI PTCE",
    );
    expect((await db().application.findUniqueOrThrow({ where: { id: s.id } })).status).toBe(
      "UNDER_REVIEW",
    );
    await saveRegionalOpinion(s.coordinator, s.id, {
      opinion: "FAVORABLE",
      consolidatedScore: 7400,
      proposedAmountCents: 45_000_00,
      motivation: "Montant revu.",
    });
  });

  it("finalising waits for the end of submissions", async () => {
    const { call, admin } = await makeCall();
    await changeCallPhase(admin, call.id, "OPEN");
    const coordinator = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
    await expect(finalizeRegion(coordinator, call.id, "53")).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
  });
});

describe("isolation: every query and command of the regional instruction", () => {
  it("another region's cell, an unassigned evaluator, a conflicted evaluator and the applicant get not found", async () => {
    const s = await setting();
    await evaluatedWithOpinion(s);
    await declareConflict(s.e3, s.id, { hasConflict: true, reason: "Lien familial." }).catch(
      () => {},
    ); // e3 is not assigned: refused
    const conflicted = await makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }]);
    await db().evaluatorAssignment.create({
      data: { applicationId: s.id, evaluatorId: conflicted.id, assignedById: s.coordinator.id },
    });
    await declareConflict(conflicted, s.id, { hasConflict: true, reason: "Membre du pôle." });
    const outsiders: [string, Actor][] = [
      ["autre région (coordination)", s.otherCoordinator],
      ["autre région (évaluation)", s.otherEvaluator],
      ["évaluatrice non affectée", s.e3],
      ["évaluateur en conflit", conflicted],
      ["porteur", s.applicant],
    ];
    const notFound = { code: "NOT_FOUND" };
    for (const [who, actor] of outsiders) {
      const commands: [string, () => Promise<unknown>][] = [
        ["lecture du dossier", () => instructionDossier(actor, s.id)],
        ["déclaration", () => declareConflict(actor, s.id, { hasConflict: false })],
        ["recevabilité", () => checkAdmissibility(actor, s.id, { decision: "COMPLETE" })],
        ["affectation", () => assignEvaluators(actor, s.id, { evaluatorIds: [s.e1.id, s.e2.id] })],
        ["notation", () => saveEvaluation(actor, s.id, scoresInput(s, [1, 1, 1, 1, 1]), true)],
        [
          "avis",
          () =>
            saveRegionalOpinion(actor, s.id, {
              opinion: "UNFAVORABLE",
              consolidatedScore: 1000,
              proposedAmountCents: null,
              motivation: "x",
            }),
        ],
      ];
      for (const [what, run] of commands)
        await expect(run(), `${who} : ${what}`).rejects.toMatchObject(notFound);
      const table = await regionTable(actor, s.call.id, "53", {
        sort: "reference",
        page: PAGE,
      }).catch((e: { code: string }) => e.code);
      if (typeof table === "string") expect(table, `${who} : liste`).toBe("NOT_FOUND");
      else
        expect(
          table.list.items.map((r) => r.id),
          `${who} : liste`,
        ).toEqual([]);
    }
    for (const actor of [s.otherCoordinator, s.applicant]) {
      await expect(rankRegion(actor, s.call.id, "53", { order: [s.id] })).rejects.toMatchObject(
        notFound,
      );
      await expect(finalizeRegion(actor, s.call.id, "53")).rejects.toMatchObject(notFound);
      await expect(assignSuggested(actor, s.call.id, "53")).rejects.toMatchObject(notFound);
    }
    // an unknown or malformed id looks the same
    await expect(instructionDossier(s.coordinator, "x".repeat(200))).rejects.toMatchObject(
      notFound,
    );
    await expect(saveEvaluation(s.e1, "inconnu", {}, true)).rejects.toMatchObject(notFound);
  });
});

describe("the region's table, kept per version of the region", () => {
  it("shows every change at once: a declaration, an evaluation, an opinion, a pole's new name, a withdrawal", async () => {
    const s = await setting();
    const table = async () =>
      (await regionTable(s.coordinator, s.call.id, "53", { sort: "reference", page: PAGE })).list
        .items[0]!;
    expect((await table()).next.label).toBe("Déclarer vos intérêts");
    await evaluable(s, [s.e1, s.e2]);
    expect(await table()).toMatchObject({ status: "UNDER_REVIEW", assigned: 2, submitted: 0 });
    await saveEvaluation(s.e1, s.id, scoresInput(s, [4, 4, 3, 4, 5]), true);
    expect((await table()).submitted).toBe(1);
    await saveEvaluation(s.e2, s.id, scoresInput(s, [3, 4, 3, 3, 4]), true);
    expect((await table()).scores!.weighted.mean).toBe(7400);
    await saveRegionalOpinion(s.coordinator, s.id, {
      opinion: "FAVORABLE",
      consolidatedScore: 7400,
      proposedAmountCents: 50_000_00,
      motivation: "Solide.",
    });
    expect((await table()).opinion).toMatchObject({ opinion: "FAVORABLE", rank: null });
    const { poleId } = await db().application.findUniqueOrThrow({ where: { id: s.id } });
    await db().pole.update({ where: { id: poleId }, data: { name: "Pôle renommé" } });
    expect((await table()).poleName).toBe("Pôle renommé");
    await db().application.update({ where: { id: s.id }, data: { status: "WITHDRAWN" } });
    expect((await table()).status).toBe("WITHDRAWN");
  });
});

describe("a dossier's instruction, read once per version and shared by the cell", () => {
  it("shows every change at once to each reader, and applies each reader's rights to what is kept", async () => {
    const s = await setting();
    const view = (actor: Actor) => instructionDossier(actor, s.id);
    // Before declaring, the coordinator reads the heading only; an evaluator not assigned, nothing.
    expect((await view(s.coordinator)).dossier).toBeNull();
    await expect(view(s.e1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await evaluable(s, [s.e1, s.e2]);
    // The same kept reading, each reader their own share: the coordinator everything, e1 their evaluation only.
    expect((await view(s.coordinator)).dossier).not.toBeNull();
    await saveEvaluation(s.e1, s.id, scoresInput(s, [4, 4, 3, 4, 5]), true);
    expect((await view(s.coordinator)).evaluations.map((e) => e.evaluatorId)).toEqual([s.e1.id]);
    expect((await view(s.e2)).evaluations).toEqual([]); // not e1's: an evaluator reads their own only
    await saveEvaluation(s.e2, s.id, scoresInput(s, [3, 4, 3, 3, 4]), false);
    expect((await view(s.e2)).evaluations.map((e) => e.evaluatorId)).toEqual([s.e2.id]);
    expect((await view(s.coordinator)).synthesis).not.toBeNull();
    expect((await view(s.e2)).synthesis).toBeNull();
    // A message, a pole renamed behind the product's back, a status changed the same way: at once.
    await postMessage(s.coordinator, s.id, { body: "Merci de préciser le budget." });
    expect((await view(s.coordinator)).messages.map((m) => m.body)).toEqual([
      "Merci de préciser le budget.",
    ]);
    const { poleId } = await db().application.findUniqueOrThrow({ where: { id: s.id } });
    await db().pole.update({ where: { id: poleId }, data: { name: "Pôle renommé" } });
    expect((await view(s.coordinator)).summary.pole.name).toBe("Pôle renommé");
    // The kept reading is never served to whom the policy refuses: another region's cell, the applicant.
    for (const outsider of [s.otherCoordinator, s.otherEvaluator, s.applicant])
      await expect(view(outsider)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
