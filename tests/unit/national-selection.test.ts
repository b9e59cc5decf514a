import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Candidate,
  compareRank,
  prioritiesMet,
  type SelectionRules,
  selectByMaxScore,
  simulate,
  type Territory,
} from "@/lib/national/selection";
import { cand, RURAL_QPV, selectionRules } from "../fixtures/selection";

const RULES = selectionRules();

/** The reference: every subset, the feasible ones, the best by the documented order. */
function bruteForce(candidates: Candidate[], rules: SelectionRules, excluded = new Set<string>()) {
  const ranked = [...candidates].sort(compareRank);
  const eligible = ranked.filter(
    (c) =>
      !excluded.has(c.id) &&
      c.opinion !== "UNFAVORABLE" &&
      c.score >= rules.qualityThreshold &&
      c.amountCents >= rules.minGrantCents &&
      c.amountCents <= rules.maxGrantCents,
  );
  let best: { mask: number; score: number; amount: number } | null = null;
  for (let mask = 0; mask < 1 << eligible.length; mask++) {
    const set = eligible.filter((_, i) => mask & (1 << i));
    const amount = set.reduce((s, c) => s + c.amountCents, 0);
    if (amount > rules.envelopeCents) continue;
    if (!prioritiesMet(set, rules.priorities).every((s) => s.met)) continue;
    const score = set.reduce((s, c) => s + c.score, 0);
    const better =
      !best ||
      score > best.score ||
      (score === best.score && amount < best.amount) ||
      // lexicographic by rank: the first differing candidate is in the new set
      (score === best.score &&
        amount === best.amount &&
        (() => {
          for (let i = 0; i < eligible.length; i++) {
            const a = (mask >> i) & 1;
            const b = (best!.mask >> i) & 1;
            if (a !== b) return a === 1;
          }
          return false;
        })());
    if (better) best = { mask, score, amount };
  }
  return eligible.filter((_, i) => best!.mask & (1 << i)).map((c) => c.id);
}

const territory = fc.constantFrom<Territory>("RURAL", "QPV", "URBAN");
const candidateArb = (i: number) =>
  fc
    .record({
      score: fc.integer({ min: 0, max: 40 }).map((x) => x * 250), // many equal scores, to exercise the tie-breaks
      euros: fc.integer({ min: 5, max: 18 }).map((x) => x * 5_000),
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
const candidatesArb = fc
  .integer({ min: 0, max: 11 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidateArb(i))));
const rulesArb = fc
  .record({
    envelope: fc.integer({ min: 0, max: 40 }).map((x) => x * 10_000_00),
    shares: fc.array(
      fc.record({
        types: fc.subarray<Territory>(["RURAL", "QPV", "URBAN"], { minLength: 1 }),
        bps: fc.integer({ min: 0, max: 10_000 }),
      }),
      { maxLength: 2 },
    ),
    threshold: fc.constantFrom(0, 0, 2500, 5000),
    reserve: fc.constantFrom(0, 2, Infinity),
  })
  .map(
    ({ envelope, shares, threshold, reserve }): SelectionRules => ({
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
      adjustLastGrant: true, // ignored by this method
    }),
  );

describe("selectByMaxScore", () => {
  it("is optimal, with the documented tie-breaks, against brute force on small random cases", () => {
    fc.assert(
      fc.property(candidatesArb, rulesArb, (candidates, rules) => {
        const result = selectByMaxScore(candidates, rules);
        expect(result.laureates.map((c) => c.id).sort()).toEqual(
          bruteForce(candidates, rules).sort(),
        );
      }),
      { numRuns: 400 },
    );
  });

  it("always meets the envelope, the bounds, the opinions and every priority", () => {
    fc.assert(
      fc.property(candidatesArb, rulesArb, (candidates, rules) => {
        const r = selectByMaxScore(candidates, rules);
        const byId = new Map(candidates.map((c) => [c.id, c]));
        const funded = r.laureates.map((l) => byId.get(l.id)!);
        expect(r.totalAmountCents).toBe(funded.reduce((s, c) => s + c.amountCents, 0));
        expect(r.totalAmountCents).toBeLessThanOrEqual(rules.envelopeCents);
        expect(r.remainingCents).toBe(rules.envelopeCents - r.totalAmountCents);
        for (const c of funded) {
          expect(c.opinion).not.toBe("UNFAVORABLE");
          expect(c.amountCents).toBeGreaterThanOrEqual(rules.minGrantCents);
          expect(c.amountCents).toBeLessThanOrEqual(rules.maxGrantCents);
        }
        expect(r.shares.every((s) => s.met)).toBe(true);
        // every dossier is in exactly one list
        const all = [...r.laureates, ...r.reserve, ...r.notRetained].map((x) => x.id).sort();
        expect(all).toEqual(candidates.map((c) => c.id).sort());
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic: the same list whatever the order of the input", () => {
    fc.assert(
      fc.property(candidatesArb, rulesArb, fc.integer(), (candidates, rules, seed) => {
        const shuffled = [...candidates].sort(
          (a, b) => ((a.id.charCodeAt(2) * seed) % 7) - ((b.id.charCodeAt(2) * seed) % 7),
        );
        expect(selectByMaxScore(shuffled, rules)).toEqual(selectByMaxScore(candidates, rules));
      }),
      { numRuns: 200 },
    );
  });

  it("funds the best total score, not simply the best ranked", () => {
    // 100 000 € envelope: two 50 000 € projects (60 + 55) beat one 80 000 € project scoring 90.
    const r = selectByMaxScore(
      [cand("a", 9000, 80_000), cand("b", 6000, 50_000), cand("c", 5500, 50_000)],
      { ...RULES, envelopeCents: 100_000_00, priorities: [] },
    );
    expect(r.laureates.map((l) => l.id)).toEqual(["b", "c"]);
    expect(r.reserve).toEqual([
      expect.objectContaining({
        id: "a",
        reason: { code: "ENVELOPE", remainingCents: 0, amountCents: 80_000_00 },
      }),
    ]);
    expect(r.fundingLineScore).toBe(5500);
  });

  it("honours the rural/QPV share of the amount granted and explains who breaks it", () => {
    const candidates = [
      cand("u1", 9500, 80_000, "URBAN"),
      cand("u2", 9400, 80_000, "URBAN"),
      cand("r1", 5000, 60_000, "RURAL"),
      cand("q1", 4000, 30_000, "QPV"),
    ];
    const r = selectByMaxScore(candidates, { ...RULES, envelopeCents: 250_000_00 });
    // u1 + u2 + r1 = 220 000 € with 27 % rural: refused; u1 + r1 + q1 = 170 000 € with 53 % rural/QPV.
    expect(r.laureates.map((l) => l.id)).toEqual(["u1", "r1", "q1"]);
    expect(r.shares[0]).toMatchObject({ met: true, amountCents: 90_000_00, shareBps: 5294 });
    expect(r.reserve[0]).toMatchObject({
      id: "u2",
      reason: { code: "PRIORITY", label: RURAL_QPV.label, minShareBps: 5000, shareBps: 3600 },
    });
  });

  it("excludes out-of-bounds amounts and unfavourable opinions with their reason", () => {
    const r = selectByMaxScore(
      [
        cand("low", 9000, 20_000),
        cand("high", 9000, 90_000),
        cand("no", 9900, 50_000, "RURAL", "UNFAVORABLE"),
        cand("ok", 100, 40_000),
      ],
      RULES,
    );
    expect(r.laureates.map((l) => l.id)).toEqual(["ok"]);
    expect(Object.fromEntries(r.notRetained.map((n) => [n.id, n.reason.code]))).toEqual({
      low: "BELOW_MIN",
      high: "ABOVE_MAX",
      no: "UNFAVORABLE",
    });
  });

  it("breaks ties by the smaller amount, then by the best ranked", () => {
    const equal = selectByMaxScore([cand("a", 5000, 60_000), cand("b", 5000, 40_000)], {
      ...RULES,
      envelopeCents: 70_000_00,
      priorities: [],
    });
    expect(equal.laureates.map((l) => l.id)).toEqual(["b"]);
    const same = selectByMaxScore([cand("b", 5000, 40_000), cand("a", 5000, 40_000)], {
      ...RULES,
      envelopeCents: 70_000_00,
      priorities: [],
    });
    expect(same.laureates.map((l) => l.id)).toEqual(["a"]);
  });

  it("funds nothing when nothing fits, which always meets the shares", () => {
    const r = selectByMaxScore([cand("u", 9000, 50_000, "URBAN")], {
      ...RULES,
      priorities: [{ ...RURAL_QPV, minShareBps: 10_000 }],
    });
    expect(r.laureates).toEqual([]);
    expect(r.fundingLineScore).toBeNull();
    expect(r.reserve[0]!.reason.code).toBe("PRIORITY");
  });

  it("simulates what-ifs without changing its inputs", () => {
    const candidates = [
      cand("a", 9000, 80_000),
      cand("b", 8000, 50_000, "URBAN"),
      cand("c", 7000, 50_000),
    ];
    const rules = { ...RULES, envelopeCents: 130_000_00 };
    const before = JSON.stringify(candidates);
    expect(
      simulate("MAX_SCORE", candidates, rules, {
        excludedIds: [],
        amounts: {},
        shares: {},
      }).laureates.map((l) => l.id),
    ).toEqual(["a", "b"]);
    expect(
      simulate("MAX_SCORE", candidates, rules, {
        excludedIds: ["a"],
        amounts: {},
        shares: {},
      }).laureates.map((l) => l.id),
    ).toEqual(["b", "c"]);
    expect(
      simulate("MAX_SCORE", candidates, rules, {
        excludedIds: [],
        amounts: { a: 30_000_00 },
        shares: {},
      }).laureates.map((l) => l.id),
    ).toEqual(["a", "b", "c"]);
    expect(
      simulate("MAX_SCORE", candidates, rules, {
        excludedIds: [],
        amounts: {},
        shares: { 0: 10_000 },
      }).laureates.map((l) => l.id),
    ).toEqual(["a", "c"]);
    expect(
      simulate("MERIT_ORDER", candidates, rules, { excludedIds: ["a"], amounts: {}, shares: {} }),
    ).toMatchObject({ method: "MERIT_ORDER", laureates: [{ id: "b" }, { id: "c" }] });
    expect(
      simulate("MERIT_ORDER", candidates, rules, {
        excludedIds: [],
        amounts: {},
        shares: { 0: 10_000 },
      }).reserve[0],
    ).toMatchObject({ id: "b", reason: { code: "PRIORITY_UNREACHABLE" } });
    expect(JSON.stringify(candidates)).toBe(before);
  });

  it("refuses duplicated dossiers and invalid rules", () => {
    expect(() => selectByMaxScore([cand("a", 1, 40_000), cand("a", 2, 40_000)], RULES)).toThrow(
      RangeError,
    );
    expect(() =>
      selectByMaxScore([], { ...RULES, priorities: [{ ...RURAL_QPV, minShareBps: 12_000 }] }),
    ).toThrow(RangeError);
  });
});

describe("selectByMaxScore with no threshold, an unlimited reserve list and no adjustment", () => {
  it("funds the highest total, puts every eligible dossier left out on the reserve list and adjusts nothing", () => {
    const candidates = [
      cand("a", 9000, 80_000),
      cand("b", 6000, 50_000),
      cand("c", 5500, 50_000),
      cand("d", 1000, 40_000),
      cand("e", 900, 40_000),
    ];
    const rules: SelectionRules = {
      envelopeCents: 100_000_00,
      minGrantCents: 30_000_00,
      maxGrantCents: 80_000_00,
      priorities: [],
      qualityThreshold: 0,
      reserveListLength: Infinity,
      adjustLastGrant: false,
    };
    const r = selectByMaxScore(candidates, rules);
    expect(r.method).toBe("MAX_SCORE");
    expect(r.laureates.map((l) => l.id)).toEqual(["b", "c"]);
    expect(r.reserve.map((l) => l.id)).toEqual(["a", "d", "e"]);
    expect(r.notRetained).toEqual([]);
    expect(r.laureates.every((l) => !l.adjusted && l.requestedCents === l.amountCents)).toBe(true);
  });

  it("refuses a problem too fine for an exact computation, as the merit order does", () => {
    // 300 amounts with a gcd of 1 cent and a 10 million € envelope: 300 × 10⁹ cells.
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...cand(`m${i}`, 5000 + i, 0),
      amountCents: 3_000_000 + i,
    }));
    expect(() =>
      selectByMaxScore(many, { ...RULES, envelopeCents: 10_000_000_00, maxGrantCents: 8_000_000 }),
    ).toThrow(/trop grande pour un calcul exact/);
  });
});
