import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reasonText } from "@/lib/national/labels";
import {
  type Candidate,
  compareRank,
  compareSelections,
  type NotFundedReason,
  type Priority,
  prioritiesMet,
  runSelection,
  type SelectionRules,
  selectByMaxScore,
  selectInMeritOrder,
  type Territory,
} from "@/lib/national/selection";
import { cand, selectionRules } from "../fixtures/selection";

const RULES = selectionRules({ reserveListLength: 5 });
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

/**
 * The reference, from the definition: every subset of the eligible dossiers, the feasible ones, the
 * lexicographically first in rank order; then the adjustment rule and every pass-over reason, each by
 * enumeration too.
 */
function bruteMerit(candidates: Candidate[], rules: SelectionRules, excluded = new Set<string>()) {
  const ranked = [...candidates].sort(compareRank);
  const position = new Map(ranked.map((c, i) => [c.id, i + 1]));
  const ineligible: { id: string; reason: NotFundedReason }[] = [];
  const eligible: Candidate[] = [];
  for (const c of ranked) {
    if (excluded.has(c.id)) ineligible.push({ id: c.id, reason: { code: "EXCLUDED" } });
    else if (c.opinion === "UNFAVORABLE")
      ineligible.push({ id: c.id, reason: { code: "UNFAVORABLE" } });
    else if (c.score < rules.qualityThreshold)
      ineligible.push({
        id: c.id,
        reason: { code: "BELOW_THRESHOLD", thresholdScore: rules.qualityThreshold },
      });
    else if (c.amountCents < rules.minGrantCents)
      ineligible.push({ id: c.id, reason: { code: "BELOW_MIN", minCents: rules.minGrantCents } });
    else if (c.amountCents > rules.maxGrantCents)
      ineligible.push({ id: c.id, reason: { code: "ABOVE_MAX", maxCents: rules.maxGrantCents } });
    else eligible.push(c);
  }
  const m = eligible.length;
  const sum = (set: { amountCents: number }[]) => set.reduce((s, c) => s + c.amountCents, 0);
  const ok = (
    set: { amountCents: number; territoryType: Territory }[],
    priorities = rules.priorities,
  ) => sum(set) <= rules.envelopeCents && prioritiesMet(set, priorities).every((s) => s.met);
  const members = (mask: number) => eligible.filter((_, i) => mask & (1 << (m - 1 - i)));
  // Rank i is bit m-1-i: the largest feasible mask is the lexicographically first feasible list.
  let best = 0;
  for (let mask = (1 << m) - 1; mask > 0; mask--) {
    if (ok(members(mask))) {
      best = mask;
      break;
    }
  }
  const funded = new Set(ids(members(best)));
  const prefix = (i: number) => eligible.slice(0, i).filter((c) => funded.has(c.id));
  const laureates = new Map<string, { amountCents: number; adjusted: boolean }>(
    [...funded].map((id) => [
      id,
      { amountCents: eligible.find((c) => c.id === id)!.amountCents, adjusted: false },
    ]),
  );
  const reasons = new Map<string, NotFundedReason>();
  // Can prefix ∪ {c} ∪ T (T among the dossiers after i) meet the envelope and `priorities`?
  const completable = (i: number, priorities: Priority[]) => {
    const later = eligible.slice(i + 1);
    for (let t = 0; t < 1 << later.length; t++) {
      if (ok([...prefix(i), eligible[i]!, ...later.filter((_, k) => t & (1 << k))], priorities))
        return true;
    }
    return false;
  };
  let adjustedAt = -1;
  eligible.forEach((c, i) => {
    if (funded.has(c.id)) return;
    const left = rules.envelopeCents - sum(prefix(i));
    if (c.amountCents > left) {
      reasons.set(c.id, { code: "ENVELOPE", remainingCents: left, amountCents: c.amountCents });
      return;
    }
    const demanding = rules.priorities.filter((p) => p.minShareBps > 0);
    const alone = demanding.filter((p) => !completable(i, [p]));
    reasons.set(c.id, {
      code: "PRIORITY_UNREACHABLE",
      labels: (alone.length ? alone : demanding).map((p) => p.label),
    });
  });
  if (rules.adjustLastGrant) {
    const i = eligible.findIndex((c) => reasons.get(c.id)?.code === "ENVELOPE");
    if (i >= 0) {
      const c = eligible[i]!;
      const left = rules.envelopeCents - sum(prefix(i));
      if (
        left >= Math.max(rules.minGrantCents, 1) &&
        prioritiesMet([...prefix(i), { ...c, amountCents: left }], rules.priorities).every(
          (s) => s.met,
        )
      ) {
        adjustedAt = i;
        for (const later of eligible.slice(i + 1))
          if (funded.has(later.id)) laureates.delete(later.id);
        laureates.set(c.id, { amountCents: left, adjusted: true });
        reasons.delete(c.id);
        for (const later of eligible.slice(i + 1))
          reasons.set(later.id, {
            code: "ENVELOPE",
            remainingCents: 0,
            amountCents: later.amountCents,
          });
      }
    }
  }
  const leftOut = eligible
    .filter((c) => !laureates.has(c.id))
    .map((c) => ({ id: c.id, reason: reasons.get(c.id)! }));
  const k = rules.reserveListLength;
  return {
    adjustedAt,
    laureates: eligible
      .filter((c) => laureates.has(c.id))
      .map((c) => ({ id: c.id, ...laureates.get(c.id)! })),
    reserve: leftOut.slice(0, k),
    notRetained: [...ineligible, ...leftOut.slice(k)].sort(
      (a, b) => position.get(a.id)! - position.get(b.id)!,
    ),
  };
}

const territory = fc.constantFrom<Territory>("RURAL", "QPV", "URBAN");
const candidateArb = (i: number) =>
  fc
    .record({
      score: fc.integer({ min: 0, max: 40 }).map((x) => x * 250), // many equal scores, to exercise the tie-breaks
      euros: fc.oneof(
        fc.integer({ min: 5, max: 18 }).map((x) => x * 5_000),
        fc.integer({ min: 25, max: 90 }).map((x) => x * 1_000),
      ),
      territoryType: territory,
      opinion: fc.constantFrom<Candidate["opinion"]>(
        "FAVORABLE",
        "FAVORABLE",
        "RESERVED",
        "UNFAVORABLE",
      ),
    })
    .map((r) =>
      cand(`d${String(i).padStart(2, "0")}`, r.score, r.euros, r.territoryType, r.opinion),
    );
const candidatesArb = (max: number) =>
  fc
    .integer({ min: 0, max })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidateArb(i))));
const TYPES: Territory[] = ["RURAL", "QPV", "URBAN"];
const rulesArb = fc
  .record({
    envelope: fc.integer({ min: 0, max: 80 }).map((x) => x * 5_000_00),
    shares: fc.array(
      fc.record({
        types: fc.subarray(TYPES, { minLength: 1 }),
        bps: fc.oneof(
          fc.integer({ min: 0, max: 10_000 }),
          fc.constantFrom(2000, 3000, 5000, 10_000),
        ),
      }),
      { maxLength: 2 },
    ),
    threshold: fc.constantFrom(0, 0, 2500, 5000),
    reserve: fc.constantFrom(0, 1, 2, 5, Infinity),
    adjust: fc.boolean(),
  })
  .map(
    ({ envelope, shares, threshold, reserve, adjust }): SelectionRules => ({
      envelopeCents: envelope,
      minGrantCents: 30_000_00,
      maxGrantCents: 80_000_00,
      priorities: shares.map((s, i) => ({
        label: `P${i}`,
        territoryTypes: s.types,
        minShareBps: s.bps,
      })),
      qualityThreshold: threshold,
      reserveListLength: reserve,
      adjustLastGrant: adjust,
    }),
  );
const excludedArb = fc.subarray(["d00", "d03", "d07"]);

describe("selectInMeritOrder", () => {
  it("is the lexicographically first feasible list in rank order, with every reason, against brute force", () => {
    let adjusted = 0;
    let unreachable = 0;
    fc.assert(
      fc.property(candidatesArb(10), rulesArb, excludedArb, (candidates, rules, excluded) => {
        const r = selectInMeritOrder(candidates, rules, new Set(excluded));
        const expected = bruteMerit(candidates, rules, new Set(excluded));
        if (expected.adjustedAt >= 0) adjusted++;
        if (
          expected.reserve
            .concat(expected.notRetained)
            .some((x) => x.reason.code === "PRIORITY_UNREACHABLE")
        )
          unreachable++;
        expect(
          r.laureates.map((l) => ({ id: l.id, amountCents: l.amountCents, adjusted: l.adjusted })),
        ).toEqual(expected.laureates);
        expect(r.reserve.map((l) => ({ id: l.id, reason: l.reason }))).toEqual(expected.reserve);
        expect(r.notRetained.map((l) => ({ id: l.id, reason: l.reason }))).toEqual(
          expected.notRetained,
        );
      }),
      { numRuns: 1500 },
    );
    // The generators do reach the interesting cases.
    expect(adjusted).toBeGreaterThan(20);
    expect(unreachable).toBeGreaterThan(20);
  });

  it("agrees with brute force on tight cases: two shares, amounts and shares that meet the bounds exactly", () => {
    const tight = fc.integer({ min: 0, max: 10 }).chain((n) =>
      fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          fc
            .record({
              score: fc.integer({ min: 0, max: 4 }),
              euros: fc.constantFrom(30_000, 40_000, 50_000, 60_000),
              t: territory,
            })
            .map((r) => cand(`d${i}`, r.score * 1000, r.euros, r.t)),
        ),
      ),
    );
    const twoShares = fc
      .record({
        envelope: fc.integer({ min: 3, max: 30 }).map((x) => x * 10_000_00),
        shares: fc.tuple(
          ...[0, 1].map(() =>
            fc.record({
              types: fc.subarray(TYPES, { minLength: 1, maxLength: 2 }),
              bps: fc.constantFrom(2500, 3333, 4000, 5000, 6000, 7500),
            }),
          ),
        ),
        adjust: fc.boolean(),
      })
      .map(
        ({ envelope, shares, adjust }): SelectionRules => ({
          ...RULES,
          envelopeCents: envelope,
          priorities: shares.map((s, i) => ({
            label: `P${i}`,
            territoryTypes: s.types,
            minShareBps: s.bps,
          })),
          reserveListLength: Infinity,
          adjustLastGrant: adjust,
        }),
      );
    fc.assert(
      fc.property(tight, twoShares, (candidates, rules) => {
        const r = selectInMeritOrder(candidates, rules);
        const expected = bruteMerit(candidates, rules);
        expect(
          r.laureates.map((l) => ({ id: l.id, amountCents: l.amountCents, adjusted: l.adjusted })),
        ).toEqual(expected.laureates);
        expect(r.reserve.map((l) => ({ id: l.id, reason: l.reason }))).toEqual(expected.reserve);
      }),
      { numRuns: 1500 },
    );
  });

  it("always meets the envelope, the bounds, the threshold and every share; positions are ranks among all", () => {
    fc.assert(
      fc.property(candidatesArb(40), rulesArb, (candidates, rules) => {
        const r = selectInMeritOrder(candidates, rules);
        const byId = new Map(candidates.map((c) => [c.id, c]));
        expect(r.method).toBe("MERIT_ORDER");
        expect(r.totalAmountCents).toBe(r.laureates.reduce((s, l) => s + l.amountCents, 0));
        expect(r.totalAmountCents).toBeLessThanOrEqual(rules.envelopeCents);
        expect(r.remainingCents).toBe(rules.envelopeCents - r.totalAmountCents);
        expect(r.shares.every((s) => s.met)).toBe(true);
        for (const l of r.laureates) {
          const c = byId.get(l.id)!;
          expect(c.opinion).not.toBe("UNFAVORABLE");
          expect(c.score).toBeGreaterThanOrEqual(rules.qualityThreshold);
          expect(l.requestedCents).toBe(c.amountCents);
          expect(
            l.adjusted
              ? l.amountCents < c.amountCents && l.amountCents >= rules.minGrantCents
              : l.amountCents === c.amountCents,
          ).toBe(true);
        }
        expect(r.laureates.filter((l) => l.adjusted).length).toBeLessThanOrEqual(
          rules.adjustLastGrant ? 1 : 0,
        );
        expect(r.reserve.length).toBeLessThanOrEqual(rules.reserveListLength);
        const ranked = [...candidates].sort(compareRank).map((c) => c.id);
        for (const x of [...r.laureates, ...r.reserve, ...r.notRetained])
          expect(ranked[x.position - 1]).toBe(x.id);
        expect([...r.laureates, ...r.reserve, ...r.notRetained].map((x) => x.id).sort()).toEqual(
          candidates.map((c) => c.id).sort(),
        );
        expect(r.fundingLineScore).toBe(
          r.laureates.length ? Math.min(...r.laureates.map((l) => l.score)) : null,
        );
        // Without adjustment, the merit order never beats the maximal total score.
        if (!rules.adjustLastGrant)
          expect(r.totalScore).toBeLessThanOrEqual(selectByMaxScore(candidates, rules).totalScore);
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic: the same result whatever the order of the input", () => {
    fc.assert(
      fc.property(candidatesArb(14), rulesArb, fc.integer(), (candidates, rules, seed) => {
        const shuffled = [...candidates].sort(
          (a, b) =>
            ((a.id.charCodeAt(2) * seed) % 7) - ((b.id.charCodeAt(2) * seed) % 7) ||
            (a.id < b.id ? 1 : -1),
        );
        expect(selectInMeritOrder(shuffled, rules)).toEqual(selectInMeritOrder(candidates, rules));
        expect(selectInMeritOrder(candidates, rules)).toEqual(
          selectInMeritOrder(candidates, rules),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("funds in rank order and passes over for the envelope, saying what is left and what was asked", () => {
    const r = selectInMeritOrder(
      [
        cand("a", 9650, 80_000),
        cand("b", 9400, 62_000),
        cand("c", 9000, 40_000),
        cand("d", 8000, 30_000),
      ],
      { ...RULES, envelopeCents: 140_000_00, priorities: [] },
    );
    expect(ids(r.laureates)).toEqual(["a", "c"]);
    expect(r.reserve).toEqual([
      expect.objectContaining({
        id: "b",
        position: 2,
        reason: { code: "ENVELOPE", remainingCents: 60_000_00, amountCents: 62_000_00 },
      }),
      expect.objectContaining({
        id: "d",
        position: 4,
        reason: { code: "ENVELOPE", remainingCents: 20_000_00, amountCents: 30_000_00 },
      }),
    ]);
    expect(plain(reasonText(r.reserve[0]!.reason))).toBe(
      "L'enveloppe restante, 60 000 €, est inférieure au montant de 62 000 €.",
    );
    expect(r.fundingLineScore).toBe(9000);
  });

  it("passes over a dossier that would make a share unreachable, and names that share", () => {
    // 200 000 €, rural/QPV ≥ 50 % of the amount granted. u1 fits (r1 can still balance it); u2 cannot:
    // u1 + u2 = 160 000 € urban leaves 40 000 €, never enough for half.
    const r = selectInMeritOrder(
      [
        cand("u1", 9500, 80_000, "URBAN"),
        cand("u2", 9400, 80_000, "URBAN"),
        cand("r1", 9000, 80_000, "RURAL"),
        cand("q1", 8000, 40_000, "QPV"),
      ],
      {
        ...RULES,
        envelopeCents: 200_000_00,
      },
    );
    expect(ids(r.laureates)).toEqual(["u1", "r1", "q1"]);
    expect(r.reserve[0]).toMatchObject({
      id: "u2",
      reason: { code: "PRIORITY_UNREACHABLE", labels: ["Rural et QPV"] },
    });
    expect(plain(reasonText(r.reserve[0]!.reason))).toBe(
      "La part minimale « Rural et QPV » deviendrait inatteignable.",
    );
    expect(r.shares[0]).toMatchObject({ met: true, amountCents: 120_000_00 });
  });

  it("names only the share that fails alone, or every share when they fail only together", () => {
    const rural: Priority = { label: "Rural", territoryTypes: ["RURAL"], minShareBps: 5000 };
    const urban: Priority = { label: "Urbain", territoryTypes: ["URBAN"], minShareBps: 5000 };
    // q (QPV) with r, or with u, meets one share; both shares at once need r and u alone (50/50).
    const together = selectInMeritOrder(
      [
        cand("q", 9900, 50_000, "QPV"),
        cand("r", 9000, 50_000, "RURAL"),
        cand("u", 8000, 50_000, "URBAN"),
      ],
      {
        ...RULES,
        envelopeCents: 150_000_00,
        priorities: [rural, urban],
      },
    );
    expect(ids(together.laureates)).toEqual(["r", "u"]);
    expect(together.reserve[0]).toMatchObject({
      id: "q",
      reason: { code: "PRIORITY_UNREACHABLE", labels: ["Rural", "Urbain"] },
    });
    expect(plain(reasonText(together.reserve[0]!.reason))).toBe(
      "Les parts minimales « Rural » et « Urbain » deviendraient inatteignables.",
    );
    // No urban dossier after q: the urban share alone is out of reach.
    const alone = selectInMeritOrder(
      [
        cand("q", 9900, 50_000, "QPV"),
        cand("r", 9000, 50_000, "RURAL"),
        cand("r2", 8000, 50_000, "RURAL"),
      ],
      {
        ...RULES,
        envelopeCents: 150_000_00,
        priorities: [
          rural,
          { ...urban, minShareBps: 0 },
          { ...urban, label: "Urbain 10 %", minShareBps: 1000 },
        ],
      },
    );
    expect(alone.laureates).toEqual([]);
    expect(alone.reserve[0]).toMatchObject({
      id: "q",
      reason: { code: "PRIORITY_UNREACHABLE", labels: ["Urbain 10 %"] },
    });
  });

  it("finds a completion that only an exact sum gives (no greedy test)", () => {
    // Rural ≥ 50 %, 120 000 €. After u (60 000 € urban) the completion must be exactly 60 000 € rural: 30 + 30,
    // not the 70 000 € dossier ranked first among them (which would exceed the envelope).
    const r = selectInMeritOrder(
      [
        cand("u", 9900, 60_000, "URBAN"),
        cand("r70", 9000, 70_000),
        cand("r30a", 8000, 30_000),
        cand("r30b", 7000, 30_000),
      ],
      {
        ...RULES,
        envelopeCents: 120_000_00,
      },
    );
    expect(ids(r.laureates)).toEqual(["u", "r30a", "r30b"]);
    expect(r.reserve[0]).toMatchObject({
      id: "r70",
      reason: { code: "ENVELOPE", remainingCents: 60_000_00, amountCents: 70_000_00 },
    });
    // Without the second 30 000 € rural dossier no completion exists: u is passed over.
    const without = selectInMeritOrder(
      [cand("u", 9900, 60_000, "URBAN"), cand("r70", 9000, 70_000), cand("r30a", 8000, 30_000)],
      { ...RULES, envelopeCents: 120_000_00 },
    );
    expect(ids(without.laureates)).toEqual(["r70", "r30a"]);
    expect(without.reserve).toEqual([
      expect.objectContaining({
        id: "u",
        reason: { code: "PRIORITY_UNREACHABLE", labels: ["Rural et QPV"] },
      }),
    ]);
  });

  it("adjusts the last grant to the envelope left, then spends nothing more", () => {
    const candidates = [cand("a", 9650, 80_000), cand("b", 9400, 62_000), cand("c", 9000, 40_000)];
    const rules = { ...RULES, envelopeCents: 120_000_00, priorities: [], adjustLastGrant: true };
    const r = selectInMeritOrder(candidates, rules);
    expect(r.laureates).toEqual([
      expect.objectContaining({
        id: "a",
        amountCents: 80_000_00,
        adjusted: false,
        requestedCents: 80_000_00,
      }),
      expect.objectContaining({
        id: "b",
        amountCents: 40_000_00,
        adjusted: true,
        requestedCents: 62_000_00,
      }),
    ]);
    expect(r.remainingCents).toBe(0);
    expect(r.reserve).toEqual([
      expect.objectContaining({
        id: "c",
        amountCents: 40_000_00,
        reason: { code: "ENVELOPE", remainingCents: 0, amountCents: 40_000_00 },
      }),
    ]);
    expect(plain(reasonText(r.reserve[0]!.reason))).toBe(
      "L'enveloppe est entièrement attribuée ; le montant de 40 000 € ne peut plus être financé.",
    );
    // Without the option, c is funded after b is passed over.
    expect(
      ids(selectInMeritOrder(candidates, { ...rules, adjustLastGrant: false }).laureates),
    ).toEqual(["a", "c"]);
    // Below the minimum grant, no adjustment.
    expect(
      ids(selectInMeritOrder(candidates, { ...rules, envelopeCents: 100_000_00 }).laureates),
    ).toEqual(["a"]);
    // The max-score method never adjusts.
    expect(selectByMaxScore(candidates, rules).laureates.some((l) => l.adjusted)).toBe(false);
  });

  it("makes no adjustment that would break a share, and tries none later", () => {
    // Rural/QPV ≥ 50 %, 130 000 €. r (60 000 € rural) funded; u (80 000 € urban) does not fit, and u at the
    // 70 000 € left would leave 46 % rural: no adjustment, the walk goes on. q fits. r2 does not fit; at the
    // 30 000 € left it would meet the share, but only the first dossier that does not fit is ever offered it.
    const candidates = [
      cand("r", 9650, 60_000),
      cand("u", 9400, 80_000, "URBAN"),
      cand("q", 9000, 40_000, "QPV"),
      cand("r2", 8000, 40_000),
    ];
    const r = selectInMeritOrder(candidates, {
      ...RULES,
      envelopeCents: 130_000_00,
      adjustLastGrant: true,
    });
    expect(r.laureates.map((l) => [l.id, l.amountCents, l.adjusted])).toEqual([
      ["r", 60_000_00, false],
      ["q", 40_000_00, false],
    ]);
    expect(r.reserve.map((x) => [x.id, x.reason])).toEqual([
      ["u", { code: "ENVELOPE", remainingCents: 70_000_00, amountCents: 80_000_00 }],
      ["r2", { code: "ENVELOPE", remainingCents: 30_000_00, amountCents: 40_000_00 }],
    ]);
    // Without u, r2 is the first that does not fit, and gets the 30 000 € left.
    const withoutU = selectInMeritOrder([candidates[0]!, candidates[2]!, candidates[3]!], {
      ...RULES,
      envelopeCents: 130_000_00,
      adjustLastGrant: true,
    });
    expect(withoutU.laureates.map((l) => [l.id, l.amountCents, l.adjusted])).toEqual([
      ["r", 60_000_00, false],
      ["q", 40_000_00, false],
      ["r2", 30_000_00, true],
    ]);
  });

  it("applies the quality threshold to both methods", () => {
    const candidates = [cand("a", 9000, 50_000), cand("b", 5999, 30_000), cand("c", 6000, 30_000)];
    const rules = { ...RULES, qualityThreshold: 6000, priorities: [] };
    for (const method of ["MERIT_ORDER", "MAX_SCORE"] as const) {
      const r = runSelection(method, candidates, rules);
      expect(ids(r.laureates)).toEqual(["a", "c"]);
      expect(r.notRetained).toEqual([
        expect.objectContaining({
          id: "b",
          position: 3,
          reason: { code: "BELOW_THRESHOLD", thresholdScore: 6000 },
        }),
      ]);
    }
    expect(plain(reasonText({ code: "BELOW_THRESHOLD", thresholdScore: 6000 }))).toBe(
      "Note nationale inférieure au seuil de qualité de 60,00 / 100.",
    );
  });

  it("keeps a reserve list of the first k eligible dossiers left out; the others are not retained with their reason", () => {
    const candidates = [
      cand("a", 9900, 80_000),
      ...Array.from({ length: 6 }, (_, i) => cand(`r${i}`, 9000 - i * 100, 80_000)),
      cand("no", 9950, 50_000, "RURAL", "UNFAVORABLE"),
    ];
    const rules = { ...RULES, envelopeCents: 100_000_00, priorities: [] };
    for (const method of ["MERIT_ORDER", "MAX_SCORE"] as const) {
      const r = runSelection(method, candidates, { ...rules, reserveListLength: 2 });
      expect(ids(r.laureates)).toEqual(["a"]);
      expect(ids(r.reserve)).toEqual(["r0", "r1"]);
      expect(r.notRetained.map((x) => [x.id, x.reason.code])).toEqual([
        ["no", "UNFAVORABLE"],
        ...["r2", "r3", "r4", "r5"].map((id) => [id, "ENVELOPE"]),
      ]);
      expect(runSelection(method, candidates, { ...rules, reserveListLength: 0 }).reserve).toEqual(
        [],
      );
      expect(
        runSelection(method, candidates, { ...rules, reserveListLength: Infinity }).reserve,
      ).toHaveLength(6);
    }
  });

  it("refuses bad rules with a clear French message", () => {
    expect(() => selectInMeritOrder([], { ...RULES, qualityThreshold: 10_001 })).toThrow(
      "Seuil de qualité invalide : il doit être compris entre 0 et 100.",
    );
    expect(() => selectInMeritOrder([], { ...RULES, reserveListLength: -1 })).toThrow(
      /Longueur de la liste complémentaire invalide/,
    );
    expect(() => selectInMeritOrder([], { ...RULES, reserveListLength: 1.5 })).toThrow(RangeError);
    expect(() => selectInMeritOrder([cand("a", 1, 40_000), cand("a", 2, 40_000)], RULES)).toThrow(
      "Dossier en double : a",
    );
  });

  it("refuses a problem too large for an exact computation rather than running for minutes", () => {
    // 300 amounts with a gcd of 1 cent and a 10 million € envelope: 300 × 10⁹ cells.
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...cand(`c${i}`, 5000, 0),
      amountCents: 3_000_000 + i,
    }));
    expect(() =>
      selectInMeritOrder(many, {
        ...RULES,
        envelopeCents: 10_000_000_00,
        maxGrantCents: 8_000_000,
      }),
    ).toThrow(/trop grande pour un calcul exact/);
  });

  it("handles 10 000 candidates quickly with one priority", () => {
    const big = Array.from({ length: 10_000 }, (_, i) =>
      cand(`c${i}`, 3000 + ((i * 7919) % 7000), 30_000 + ((i * 104729) % 101) * 500, TYPES[i % 3]!),
    );
    const t = performance.now();
    const r = selectInMeritOrder(big, { ...RULES, envelopeCents: 5_000_000_00 });
    expect(performance.now() - t).toBeLessThan(5_000);
    expect(r.shares[0]!.met).toBe(true);
    expect(r.totalAmountCents).toBeLessThanOrEqual(5_000_000_00);
  });
});

describe("the two methods on the same input", () => {
  // 100 000 €: the best dossier of France asks 80 000 €; two smaller ones, ranked 2 and 3, total more points.
  const candidates = [cand("a", 9650, 80_000), cand("b", 9000, 50_000), cand("c", 8900, 50_000)];
  const rules = { ...RULES, envelopeCents: 100_000_00, priorities: [] };

  it("the merit order funds rank 1; the max-score list passes it over for more, lower-ranked dossiers", () => {
    const merit = runSelection("MERIT_ORDER", candidates, rules);
    const max = runSelection("MAX_SCORE", candidates, rules);
    expect(ids(merit.laureates)).toEqual(["a"]);
    expect(ids(max.laureates)).toEqual(["b", "c"]);
    expect(max.reserve[0]).toMatchObject({
      id: "a",
      position: 1,
      reason: { code: "ENVELOPE", remainingCents: 0, amountCents: 80_000_00 },
    });
  });

  it("compareSelections lists and explains each difference, with both totals", () => {
    const c = compareSelections(
      selectInMeritOrder(candidates, rules),
      selectByMaxScore(candidates, rules),
    );
    expect(c.merit).toEqual({ count: 1, amountCents: 80_000_00, totalScore: 9650 });
    expect(c.maxScore).toEqual({ count: 2, amountCents: 100_000_00, totalScore: 17_900 });
    expect(c.items.map((d) => [d.id, d.position, d.score, d.amountCents, d.fundedBy])).toEqual([
      ["a", 1, 9650, 80_000_00, "MERIT_ORDER"],
      ["b", 2, 9000, 50_000_00, "MAX_SCORE"],
      ["c", 3, 8900, 50_000_00, "MAX_SCORE"],
    ]);
    expect(c.items.map((d) => plain(d.explanation))).toEqual([
      "Financé selon l'ordre de mérite (rang 1) ; la liste au total de notes maximal l'écarte pour financer davantage de dossiers moins bien classés (2 lauréats et un total des notes de 179,00, contre 1 lauréat et 96,50).",
      "Financé dans la liste au total de notes maximal (rang 2) ; l'ordre de mérite le laisse de côté : l'enveloppe restante, 20 000 €, est inférieure au montant de 50 000 €.",
      "Financé dans la liste au total de notes maximal (rang 3) ; l'ordre de mérite le laisse de côté : l'enveloppe restante, 20 000 €, est inférieure au montant de 50 000 €.",
    ]);
    expect(c.amountChanges).toEqual([]);
  });

  it("shows no difference when both methods agree, and the adjusted grant as an amount change", () => {
    const same = compareSelections(
      selectInMeritOrder([cand("a", 9000, 50_000)], rules),
      selectByMaxScore([cand("a", 9000, 50_000)], rules),
    );
    expect(same.items).toEqual([]);
    const two = [cand("a", 9650, 80_000), cand("b", 9000, 50_000)];
    const adjusted = compareSelections(
      selectInMeritOrder(two, { ...rules, envelopeCents: 120_000_00, adjustLastGrant: true }),
      selectByMaxScore(two, { ...rules, envelopeCents: 130_000_00 }),
    );
    expect(adjusted.items).toEqual([]);
    expect(adjusted.amountChanges).toEqual([
      expect.objectContaining({ id: "b", meritCents: 40_000_00, maxScoreCents: 50_000_00 }),
    ]);
  });
});
