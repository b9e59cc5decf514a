// The national decision as a jury takes it: the list in merit order, the reserve list of the call's length,
// the quality threshold, the adjusted last grant confirmed by the cell, and a list that departs from the
// merit order finalised only with its written justification — through the real commands on PostgreSQL.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { getDecisionList, getSelection } from "@/lib/national/data";
import {
  acceptSelection,
  declareNationalInterest,
  finalizeDecisions,
  updateDecision,
} from "@/lib/national/mutations";
import { makeActor } from "../fixtures/factories";
import { type DossierSpec, makeRegionalResults } from "../fixtures/regional-results";

const spec = (
  score: number,
  euros: number,
  opinion: DossierSpec["opinion"] = "FAVORABLE",
  regionCode = "53",
): DossierSpec => ({
  regionCode,
  territoryType: "RURAL",
  opinion,
  score,
  amountCents: euros * 100,
});

async function decisions(callId: string) {
  const rows = await db().decision.findMany({
    where: { callId },
    include: { application: { select: { reference: true } } },
  });
  return new Map(rows.map((d) => [d.application.reference!, d]));
}

async function declareAll(cna: Actor, ids: string[]) {
  for (const id of ids) await declareNationalInterest(cna, id, { hasConflict: false });
}

describe("the decision in merit order", () => {
  it("funds down the ranking until the envelope is spent, and finalises a list that departs from it only with a written justification", async () => {
    // Envelope 200 000 €: A, B, C (180 000 €) are funded; D (70 000 €) and E (30 000 €) no longer fit the 20 000 € left.
    const { call, dossiers } = await makeRegionalResults(
      [
        spec(9000, 60_000),
        spec(8500, 60_000),
        spec(8000, 60_000),
        spec(7500, 70_000),
        spec(7200, 30_000),
        spec(6000, 40_000, "RESERVED"),
      ],
      {
        callOverrides: { envelopeCents: 200_000_00 },
      },
    );
    const [a, b, c, d, e, f] = dossiers;
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const selection = await getSelection(cna, call.id);
    expect(selection.official.method).toBe("MERIT_ORDER");
    expect(selection.official.laureates.map((l) => l.id)).toEqual([a!.id, b!.id, c!.id]);
    expect(selection.official.reserve.map((r) => [r.id, r.reason.code])).toEqual([
      [d!.id, "ENVELOPE"],
      [e!.id, "ENVELOPE"],
      [f!.id, "ENVELOPE"],
    ]);
    expect(selection.official.reserve[0]!.reason).toEqual({
      code: "ENVELOPE",
      remainingCents: 20_000_00,
      amountCents: 70_000_00,
    });

    await acceptSelection(cna, call.id);
    let lines = await decisions(call.id);
    expect(lines.get(d!.reference)).toMatchObject({ outcome: "RESERVE", reserveRank: 1 });
    expect(lines.get(d!.reference)!.passOverReason).toMatch(
      /^L'enveloppe restante, 20\s000\s€, est inférieure au montant de 70\s000\s€\.$/,
    );
    expect(lines.get(d!.reference)!.reasons).toMatch(
      /^Votre projet est inscrit au rang 1 de la liste complémentaire/,
    );

    // The cell passes C over for E: the list no longer follows the merit order.
    await declareAll(cna, [c!.id, e!.id]);
    await updateDecision(cna, c!.id, {
      outcome: "NOT_RETAINED",
      amountCents: null,
      reserveRank: null,
      reasons: "Retiré de la liste par la commission.",
    });
    await updateDecision(cna, e!.id, {
      outcome: "LAUREATE",
      amountCents: 30_000_00,
      reserveRank: null,
      reasons: "Retenu par la commission.",
    });
    const list = await getDecisionList(cna, call.id);
    expect(list.departures).toEqual([
      `${c!.reference} (rang 3) est financé par la règle de l'appel mais n'est pas lauréat.`,
      `${e!.reference} est lauréat alors que la règle de l'appel ne le finance pas.`,
      `La liste complémentaire n'est pas celle de la règle de l'appel (attendue : ${d!.reference}, ${e!.reference}, ${f!.reference}).`,
    ]);
    await expect(finalizeDecisions(cna, call.id)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("Justifiez cet écart par écrit (20 caractères au moins)"),
    });
    await expect(
      finalizeDecisions(cna, call.id, { justification: "Trop court." }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      finalizeDecisions(cna, call.id, { justification: "x".repeat(4001) }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { justification: ["4000 caractères au plus."] },
    });
    expect(
      (await db().call.findUniqueOrThrow({ where: { id: call.id } })).decisionsFinalizedAt,
    ).toBeNull();

    const justification =
      "Le porteur du dossier classé 3e a annoncé par écrit le retrait d'un cofinanceur essentiel.";
    // A member who declared a conflict with a dossier the departure concerns may not justify it.
    const other = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await declareNationalInterest(other, c!.id, {
      hasConflict: true,
      reason: "Administratrice de la structure porteuse.",
    });
    await expect(finalizeDecisions(other, call.id, { justification })).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining(
        `Vous avez déclaré un conflit d'intérêts avec ${c!.reference}`,
      ),
    });
    await finalizeDecisions(cna, call.id, { justification });
    const finalized = await db().call.findUniqueOrThrow({ where: { id: call.id } });
    expect(finalized.decisionsJustification).toBe(justification);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "national.decisions.finalize", entityId: call.id },
    });
    expect(audit.after).toMatchObject({ justification, departures: list.departures });
    lines = await decisions(call.id);
    // Why each dossier left out is not funded, frozen as the rule's list says it; none for a laureate, nor for the
    // dossier the cell passed over although the rule funds it (its reasons and the justification say why).
    expect(lines.get(c!.reference)!.passOverReason).toBeNull();
    expect(lines.get(e!.reference)!.passOverReason).toBeNull();
    expect(lines.get(f!.reference)!.passOverReason).toMatch(
      /^L'enveloppe restante, 20\s000\s€, est inférieure au montant de 40\s000\s€\.$/,
    );
    // The national score and the place in the national ranking are frozen on every decision.
    expect(
      [a, b, c, d, e, f].map((x) => [
        lines.get(x!.reference)!.meritRank,
        lines.get(x!.reference)!.score,
      ]),
    ).toEqual([
      [1, 9000],
      [2, 8500],
      [3, 8000],
      [4, 7500],
      [5, 7200],
      [6, 6000],
    ]);
  });

  it("finalises a list in merit order without any justification", async () => {
    const { call } = await makeRegionalResults([spec(9000, 60_000), spec(8000, 60_000)], {
      callOverrides: { envelopeCents: 100_000_00 },
    });
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await acceptSelection(cna, call.id);
    expect((await getDecisionList(cna, call.id)).departures).toEqual([]);
    await finalizeDecisions(cna, call.id);
    expect(
      (await db().call.findUniqueOrThrow({ where: { id: call.id } })).decisionsJustification,
    ).toBeNull();
  });

  it("proposes the envelope left to the first dossier that no longer fits, and writes it only once the cell confirms", async () => {
    // 170 000 € for A, B, C; 30 000 € left, the minimum grant: D (70 000 €) is proposed 30 000 €.
    const { call, dossiers } = await makeRegionalResults(
      [
        spec(9000, 60_000),
        spec(8500, 60_000),
        spec(8000, 50_000),
        spec(7500, 70_000),
        spec(7000, 40_000),
      ],
      {
        callOverrides: { envelopeCents: 200_000_00, adjustLastGrant: true },
      },
    );
    const d = dossiers[3]!;
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const { official } = await getSelection(cna, call.id);
    expect(official.laureates.find((l) => l.id === d.id)).toMatchObject({
      adjusted: true,
      amountCents: 30_000_00,
      requestedCents: 70_000_00,
    });
    expect(official.remainingCents).toBe(0);

    await acceptSelection(cna, call.id);
    expect((await decisions(call.id)).get(d.reference)).toMatchObject({
      outcome: "RESERVE",
      reserveRank: 1,
      adjusted: false,
    });
    await acceptSelection(cna, call.id, { confirmAdjusted: true });
    const line = (await decisions(call.id)).get(d.reference)!;
    expect(line).toMatchObject({
      outcome: "LAUREATE",
      amountCents: 30_000_00,
      adjusted: true,
      passOverReason: null,
    });
    // Both lists follow the call's rule: neither needs a justification.
    expect((await getDecisionList(cna, call.id)).departures).toEqual([]);
    await finalizeDecisions(cna, call.id);
  });

  it("leaves out dossiers below the quality threshold and keeps a reserve list of the call's length", async () => {
    const { call, dossiers } = await makeRegionalResults(
      [
        spec(9000, 80_000),
        spec(8800, 80_000),
        spec(8600, 80_000),
        spec(8400, 80_000),
        spec(8200, 80_000),
        spec(6400, 30_000, "RESERVED"),
      ],
      {
        callOverrides: { envelopeCents: 100_000_00, qualityThreshold: 6500, reserveListLength: 2 },
      },
    );
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await acceptSelection(cna, call.id);
    const lines = await decisions(call.id);
    const outcome = (i: number) => lines.get(dossiers[i]!.reference)!;
    expect(outcome(0)).toMatchObject({ outcome: "LAUREATE" });
    expect([outcome(1), outcome(2)].map((l) => [l.outcome, l.reserveRank])).toEqual([
      ["RESERVE", 1],
      ["RESERVE", 2],
    ]);
    expect([outcome(3), outcome(4)].map((l) => l.outcome)).toEqual([
      "NOT_RETAINED",
      "NOT_RETAINED",
    ]);
    expect(outcome(3).passOverReason).toMatch(/^L'enveloppe restante/);
    // Below the threshold, whatever its amount: not eligible.
    expect(outcome(5)).toMatchObject({ outcome: "NOT_RETAINED" });
    expect(outcome(5).passOverReason).toMatch(/seuil de qualité de 65,00/);
  });
});
