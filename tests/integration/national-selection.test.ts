import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  getDecisionList,
  getNationalDossier,
  getNationalOverview,
  getSelection,
} from "@/lib/national/data";
import {
  acceptSelection,
  finalizeDecisions,
  promoteReserve,
  publishDecisions,
  recordLaureateWithdrawal,
  reopenDecisions,
  reviewDossier,
  updateDecision,
} from "@/lib/national/mutations";
import { prioritiesMet } from "@/lib/national/selection";
import { makeActor } from "../fixtures/factories";
import {
  type DossierSpec,
  makeCnaMember,
  makeRegionalResults,
  replay2025Specs,
} from "../fixtures/regional-results";

const PAGE = { page: 1, size: 50, skip: 0 };
const FILTERS = { region: "", territoire: "", communaute: "", avis: "" } as const;

async function laureatesInDb(callId: string) {
  return db().decision.findMany({
    where: { callId, outcome: "LAUREATE" },
    orderBy: { applicationId: "asc" },
    include: {
      application: { select: { territoryType: true, reference: true, regionalOpinion: true } },
    },
  });
}

describe("the 2025 edition replayed", () => {
  it("79 dossiers over the regions, 500 000 €, 30 000–80 000 €, 50 % rural/QPV: every constraint met, the same list every run", async () => {
    const specs = replay2025Specs();
    const { call, dossiers } = await makeRegionalResults(specs);
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    expect(new Set(specs.map((s) => s.regionCode)).size).toBe(18);

    const overview = await getNationalOverview(cna, call.id, FILTERS, {
      page: 1,
      size: 500,
      skip: 0,
    });
    expect(overview.list.total).toBe(79);
    expect(overview.regions.filter((r) => r.finalized)).toHaveLength(18);
    expect(overview.totals.proposedCents).toBe(specs.reduce((s, x) => s + x.amountCents, 0));
    const rural = await getNationalOverview(
      cna,
      call.id,
      { ...FILTERS, territoire: "RURAL" },
      PAGE,
    );
    expect(rural.list.total).toBe(specs.filter((s) => s.territoryType === "RURAL").length);
    expect(overview.totals.requestedCents).toBe(
      specs.reduce((s, x) => s + x.amountCents + 5_000_00, 0),
    );
    expect(overview.list.items[0]!.regionalOpinion.consolidatedScore).toBe(
      Math.max(...specs.map((x) => x.score)),
    );
    expect(overview.list.items.every((a) => a.context.percentile !== null)).toBe(true);
    expect(
      (await getNationalOverview(cna, call.id, { ...FILTERS, avis: "UNFAVORABLE" }, PAGE)).list
        .total,
    ).toBe(specs.filter((s) => s.opinion === "UNFAVORABLE").length);
    expect(
      (
        await getNationalOverview(
          cna,
          call.id,
          { ...FILTERS, communaute: "aucune", region: "53" },
          PAGE,
        )
      ).list.total,
    ).toBe(specs.filter((s) => s.regionCode === "53").length);
    expect(
      (
        await getNationalOverview(
          cna,
          call.id,
          { ...FILTERS, communaute: "alimentation-durable" },
          PAGE,
        )
      ).list.total,
    ).toBe(0);
    expect(overview.regions.find((r) => r.code === "53")!.agreement).toMatchObject({
      meanStandardDeviation: 300,
    });
    const n53 = specs.filter((s) => s.regionCode === "53").length;
    expect(overview.regions.find((r) => r.code === "53")!.progress).toMatchObject({
      submitted: n53,
      checked: n53,
      evaluated: n53,
      opinions: n53,
    });

    const first = await getSelection(cna, call.id);
    const second = await getSelection(cna, call.id);
    expect(second.official).toEqual(first.official);
    const r = first.official;
    expect(r.laureates.length).toBeGreaterThan(0);
    expect(r.totalAmountCents).toBeLessThanOrEqual(500_000_00);
    expect(r.laureates.length + r.reserve.length + r.notRetained.length).toBe(79);

    await acceptSelection(cna, call.id);
    const decided = await laureatesInDb(call.id);
    expect(decided.map((d) => d.applicationId).sort()).toEqual(r.laureates.map((l) => l.id).sort());
    const total = decided.reduce((s, d) => s + d.amountCents!, 0);
    expect(total).toBeLessThanOrEqual(500_000_00);
    for (const d of decided) {
      expect(d.amountCents).toBeGreaterThanOrEqual(30_000_00);
      expect(d.amountCents).toBeLessThanOrEqual(80_000_00);
      expect(d.application.regionalOpinion!.opinion).not.toBe("UNFAVORABLE");
    }
    const share = prioritiesMet(
      decided.map((d) => ({
        amountCents: d.amountCents!,
        territoryType: d.application.territoryType,
      })),
      first.rules.priorities,
    );
    expect(share[0]!.met).toBe(true);
    expect(share[0]!.amountCents * 2).toBeGreaterThanOrEqual(total);
    // Merit order: above the funding line, an eligible dossier is left out only for the envelope or a priority
    // share; the reserve list keeps the call's first five of them, in rank order.
    expect(r.method).toBe("MERIT_ORDER");
    const INELIGIBLE = ["UNFAVORABLE", "ABOVE_MAX", "BELOW_MIN", "BELOW_THRESHOLD", "INVALID"];
    const line = Math.max(...r.laureates.map((l) => l.position));
    for (const x of [...r.reserve, ...r.notRetained].filter(
      (x) => x.position < line && !INELIGIBLE.includes(x.reason.code),
    )) {
      expect(["ENVELOPE", "PRIORITY_UNREACHABLE"]).toContain(x.reason.code);
    }
    for (const left of r.reserve)
      expect(["ENVELOPE", "PRIORITY_UNREACHABLE"]).toContain(left.reason.code);
    expect(r.reserve.length).toBe(5);
    expect(r.reserve.map((x) => x.position)).toEqual(
      [...r.reserve.map((x) => x.position)].sort((a, b) => a - b),
    );
    // Out-of-bounds proposals are excluded with their reason.
    const tooHigh = dossiers.filter((d) => d.spec.amountCents > 80_000_00).map((d) => d.id);
    expect(tooHigh.length).toBeGreaterThan(0);
    for (const id of tooHigh)
      expect(["ABOVE_MAX", "UNFAVORABLE"]).toContain(
        r.notRetained.find((n) => n.id === id)?.reason.code,
      );
    expect(r.notRetained.filter((n) => n.reason.code === "ABOVE_MAX").length).toBeGreaterThan(0);

    // The same list on a second acceptance; the reserve ranks follow 1..k.
    await acceptSelection(cna, call.id);
    expect((await laureatesInDb(call.id)).map((d) => d.applicationId)).toEqual(
      decided.map((d) => d.applicationId),
    );
    const ranks = (
      await db().decision.findMany({
        where: { callId: call.id, outcome: "RESERVE" },
        orderBy: { reserveRank: "asc" },
      })
    ).map((d) => d.reserveRank);
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
    await finalizeDecisions(cna, call.id);
    expect(
      (await db().call.findUniqueOrThrow({ where: { id: call.id } })).decisionsFinalizedAt,
    ).not.toBeNull();
    // Reasons drafted from the outcome and the regional motivation (the letter gives the per-criterion appreciations).
    const one = await db().decision.findFirstOrThrow({
      where: { callId: call.id, outcome: "LAUREATE" },
    });
    expect(one.reasons).toMatch(
      /^Votre projet est retenu par la cellule nationale d'animation pour une subvention de /,
    );
    expect(one.reasons).toContain("Avis de la cellule régionale : Projet solide");
  });
});

const SMALL: DossierSpec[] = [
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
  {
    regionCode: "76",
    territoryType: "URBAN",
    opinion: "UNFAVORABLE",
    score: 4000,
    amountCents: 40_000_00,
  },
];

describe("second-level analysis", () => {
  it("confirms or adjusts score and amount; a change needs its justification; everything is audited", async () => {
    const { call, dossiers } = await makeRegionalResults(SMALL);
    const cna = await makeCnaMember(dossiers); // declared no conflict with each dossier
    const [a] = dossiers;
    await expect(
      reviewDossier(cna, a!.id, { score: 9000, amountCents: 80_000_00, scoreJustification: "" }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        scoreJustification: ["Justifiez la modification de la note (10 caractères au moins)."],
      },
    });
    await expect(
      reviewDossier(cna, a!.id, { score: 8500, amountCents: 70_000_00 }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { amountJustification: expect.any(Array) },
    });
    await expect(
      reviewDossier(cna, a!.id, {
        score: 8500,
        amountCents: 90_000_00,
        amountJustification: "Budget plus ambitieux que prévu.",
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        amountCents: [
          expect.stringMatching(/^Le montant doit être compris entre 30\s000\s€ et 80\s000\s€\.$/),
        ],
      },
    });
    await expect(
      reviewDossier(cna, a!.id, {
        score: 12_000,
        amountCents: 80_000_00,
        scoreJustification: "Trop haut de toute façon.",
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await reviewDossier(cna, a!.id, { score: 8500, amountCents: 80_000_00 })).toEqual({
      adjusted: false,
    });
    expect(
      await reviewDossier(cna, a!.id, {
        score: 8800,
        amountCents: 80_000_00,
        scoreJustification: "Panel régional plus sévère que la moyenne nationale.",
      }),
    ).toEqual({ adjusted: true });
    const view = await getNationalDossier(cna, a!.id);
    expect(view.application.nationalReview).toMatchObject({
      score: 8800,
      scoreJustification: "Panel régional plus sévère que la moyenne nationale.",
      amountJustification: null,
    });
    expect(view.application.regionalOpinion!.consolidatedScore).toBe(8500);
    const events = await db().auditEvent.findMany({
      where: { entityType: "NationalReview", entityId: a!.id },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual([
      "national.review.confirm",
      "national.review.adjust",
    ]);
    expect(events[1]!.before).toMatchObject({ score: 8500 });
    expect(events[1]!.after).toMatchObject({ score: 8800 });
    // The national score feeds the selection.
    const sel = await getSelection(cna, call.id);
    expect(sel.official.laureates.find((l) => l.id === a!.id)?.score).toBe(8800);
  });
});

describe("bad input refused with a clear message", () => {
  it("finalising over the envelope, out of bounds, with a priority unmet, twice; reviewing after finalisation", async () => {
    const { call, dossiers } = await makeRegionalResults(SMALL, {
      callOverrides: { envelopeCents: 150_000_00 },
    });
    const cna = await makeCnaMember(dossiers); // declared no conflict with each dossier
    await expect(finalizeDecisions(cna, call.id)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "Aucune décision en projet : acceptez d'abord la liste proposée.",
    });
    await acceptSelection(cna, call.id);
    const list = await getDecisionList(cna, call.id);
    const reserve = list.rows.find((r) => r.decision?.outcome === "RESERVE")!;
    const laureate = list.rows.find((r) => r.decision?.outcome === "LAUREATE")!;
    // over the envelope
    await updateDecision(cna, reserve.id, {
      outcome: "LAUREATE",
      amountCents: reserve.amountCents,
      reasons: "Retenu.",
    });
    await expect(finalizeDecisions(cna, call.id)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("dépasse l'enveloppe de"),
    });
    await updateDecision(cna, reserve.id, {
      outcome: "RESERVE",
      reserveRank: 1,
      amountCents: reserve.amountCents,
      reasons: "Liste complémentaire.",
    });
    // out of bounds
    await updateDecision(cna, laureate.id, {
      outcome: "LAUREATE",
      amountCents: 20_000_00,
      reasons: "Retenu.",
    });
    await expect(finalizeDecisions(cna, call.id)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/hors des bornes de l'appel \(30\s000\s€ à 80\s000\s€\)/),
    });
    await expect(
      updateDecision(cna, laureate.id, {
        outcome: "LAUREATE",
        amountCents: null,
        reasons: "Retenu.",
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { amountCents: ["Indiquez le montant attribué."] },
    });
    await acceptSelection(cna, call.id);
    // priority unmet: only the urban dossier funded
    const urban = dossiers[1]!;
    for (const d of (await getDecisionList(cna, call.id)).rows) {
      const keep = d.id === urban.id;
      await updateDecision(
        cna,
        d.id,
        keep
          ? { outcome: "LAUREATE", amountCents: d.amountCents, reasons: "Retenu." }
          : { outcome: "NOT_RETAINED", reasons: "Non retenu." },
      );
    }
    await expect(finalizeDecisions(cna, call.id)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining(
        "La part « Territoires ruraux et quartiers prioritaires de la politique de la ville (QPV) » n'est pas atteinte : 0 %",
      ),
    });
    await acceptSelection(cna, call.id);
    await finalizeDecisions(cna, call.id);
    await expect(finalizeDecisions(cna, call.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(
      reviewDossier(cna, dossiers[0]!.id, { score: 8500, amountCents: 80_000_00 }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    // once finalised, only the reasons change
    await expect(
      updateDecision(cna, laureate.id, { outcome: "NOT_RETAINED", reasons: "Non." }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    await updateDecision(cna, laureate.id, {
      reasons: "Motifs relus et complétés par la cellule nationale.",
    });
    expect(
      (await db().decision.findUniqueOrThrow({ where: { applicationId: laureate.id } })).reasons,
    ).toBe("Motifs relus et complétés par la cellule nationale.");
    await reopenDecisions(cna, call.id);
    await finalizeDecisions(cna, call.id);
    await publishDecisions(cna, call.id);
    await expect(publishDecisions(cna, call.id)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("Les résultats de cet appel ont déjà été publiés"),
    });
    await expect(updateDecision(cna, laureate.id, { reasons: "Trop tard." })).rejects.toMatchObject(
      { code: "INVALID_STATE" },
    );
    await expect(reopenDecisions(cna, call.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("a CRA member, an applicant or an administrator calling any national action gets not found", async () => {
    const { call, dossiers, cells } = await makeRegionalResults(SMALL);
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await acceptSelection(cna, call.id);
    const id = dossiers[0]!.id;
    const outsiders = [
      cells.get("53")!.coordinator,
      cells.get("53")!.evaluators[0]!,
      dossiers[0]!.owner,
      await makeActor([{ role: "ADMIN", regionCode: null }]),
    ];
    for (const actor of outsiders) {
      const attempts = [
        () => reviewDossier(actor, id, { score: 8500, amountCents: 80_000_00 }),
        () => acceptSelection(actor, call.id),
        () => updateDecision(actor, id, { outcome: "NOT_RETAINED", reasons: "Non." }),
        () => finalizeDecisions(actor, call.id),
        () => reopenDecisions(actor, call.id),
        () => publishDecisions(actor, call.id),
        () => recordLaureateWithdrawal(actor, id, { reason: "Désistement." }),
        () => promoteReserve(actor, call.id, id),
        () => getSelection(actor, call.id),
        () => getDecisionList(actor, call.id),
        () => getNationalDossier(actor, id),
        () => getNationalOverview(actor, call.id, FILTERS, PAGE),
      ];
      for (const attempt of attempts)
        await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await db().nationalReview.count()).toBe(0);
    expect(
      (await db().call.findUniqueOrThrow({ where: { id: call.id } })).decisionsFinalizedAt,
    ).toBeNull();
  });

  it("a dossier of a region not finalised is out of the national cell's reach", async () => {
    const { call, dossiers } = await makeRegionalResults(SMALL);
    const cna = await makeCnaMember(dossiers); // declared no conflict with each dossier
    await db().regionalReview.update({
      where: { callId_regionCode: { callId: call.id, regionCode: "76" } },
      data: { status: "OPEN" },
    });
    await expect(
      reviewDossier(cna, dossiers[2]!.id, { score: 7000, amountCents: 50_000_00 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getSelection(cna, call.id)).total).toBe(2);
  });
});
