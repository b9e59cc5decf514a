import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type GridCriterion, isValidScore, weightedScore } from "@/lib/evaluations/score";
import { suggestAssignments } from "@/lib/regional/assignment";
import { type DossierProgress, finalizationBlockers } from "@/lib/regional/finalization";
import { proposedConsolidatedScore, synthesize } from "@/lib/regional/synthesis";

const GRID: GridCriterion[] = [
  { id: "animation", weightBps: 2500, maxScore: 5 },
  { id: "ingenierie", weightBps: 2500, maxScore: 5 },
  { id: "recherche", weightBps: 1500, maxScore: 5 },
  { id: "viabilite", weightBps: 2000, maxScore: 5 },
  { id: "ancrage", weightBps: 1500, maxScore: 5 },
];
const scores = (values: number[]) => new Map(GRID.map((c, i) => [c.id, values[i]]));

describe("weighted score", () => {
  it("is the sum of score/max × weight, in hundredths of a point out of 100", () => {
    expect(weightedScore(GRID, scores([5, 5, 5, 5, 5]))).toBe(10_000);
    expect(weightedScore(GRID, scores([0, 0, 0, 0, 0]))).toBe(0);
    expect(weightedScore(GRID, scores([4, 4, 3, 4, 5]))).toBe(8000);
    expect(weightedScore(GRID, scores([3, 4, 3, 3, 4]))).toBe(6800);
  });
  it("rounds once, half up, over criteria of different maxima", () => {
    const grid: GridCriterion[] = [
      { id: "a", weightBps: 5000, maxScore: 3 },
      { id: "b", weightBps: 5000, maxScore: 7 },
    ];
    // 1/3 × 5000 + 1/7 × 5000 = 1666.67 + 714.29 = 2380.95 → 2381
    expect(
      weightedScore(
        grid,
        new Map([
          ["a", 1],
          ["b", 1],
        ]),
      ),
    ).toBe(2381);
    // 1/4 × 50 = 12.5 → 13 (half up)
    expect(weightedScore([{ id: "a", weightBps: 50, maxScore: 4 }], new Map([["a", 1]]))).toBe(13);
  });
  it("is null while a criterion has no score, and for an empty grid", () => {
    expect(weightedScore(GRID, scores([5, 5, 5, 5]))).toBeNull();
    expect(weightedScore([], new Map())).toBeNull();
  });
  it("stays within 0–10 000, grows with every score and ignores the order of criteria", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 5, maxLength: 5 }),
        fc.nat({ max: 4 }),
        (values, i) => {
          const total = weightedScore(GRID, scores(values))!;
          expect(total).toBeGreaterThanOrEqual(0);
          expect(total).toBeLessThanOrEqual(10_000);
          expect(weightedScore([...GRID].reverse(), scores(values))).toBe(total);
          if (values[i]! < 5) {
            const better = values.map((v, j) => (j === i ? v + 1 : v));
            expect(weightedScore(GRID, scores(better))!).toBeGreaterThan(total);
          }
        },
      ),
    );
  });
  it("accepts only integer levels within the criterion's range", () => {
    for (const ok of [0, 3, 5]) expect(isValidScore({ maxScore: 5 }, ok)).toBe(true);
    for (const bad of [-1, 6, 2.5, "4", null, Number.NaN])
      expect(isValidScore({ maxScore: 5 }, bad)).toBe(false);
  });
});

describe("regional synthesis", () => {
  const e = (evaluatorId: string, values: number[]) => ({
    evaluatorId,
    weightedScore: weightedScore(GRID, scores(values))!,
    scores: scores(values) as Map<string, number>,
  });
  it("gives mean, population standard deviation and spread per criterion and in total", () => {
    const s = synthesize(
      GRID.map((c) => c.id),
      [e("a", [5, 5, 5, 5, 5]), e("b", [2, 2, 2, 2, 2]), e("c", [2, 2, 2, 2, 2])],
      1500,
    );
    expect(s.perCriterion.get("animation")).toEqual({
      mean: 3,
      sd: Math.sqrt(2),
      spread: 3,
      count: 3,
    });
    expect(s.weighted).toMatchObject({ mean: 6000, spread: 6000, count: 3 });
    expect(s.disagreement).toBe(true);
  });
  it("flags a disagreement only beyond the threshold", () => {
    const close = synthesize(
      ["animation"],
      [e("a", [4, 4, 3, 4, 5]), e("b", [4, 4, 3, 4, 2])],
      1500,
    ); // 8000 vs 7100
    expect(close.disagreement).toBe(false);
    expect(
      synthesize(["animation"], [e("a", [4, 4, 3, 4, 5]), e("b", [4, 4, 3, 4, 2])], 899)
        .disagreement,
    ).toBe(true);
  });
  it("has no figures without evaluations, and a single evaluation has no spread", () => {
    expect(synthesize(["animation"], [], 1500).weighted).toEqual({
      mean: null,
      sd: null,
      spread: null,
      count: 0,
    });
    expect(synthesize(["animation"], [e("a", [1, 1, 1, 1, 1])], 0).weighted).toEqual({
      mean: 2000,
      sd: 0,
      spread: 0,
      count: 1,
    });
  });
  it("proposes the rounded mean as consolidated score", () => {
    expect(proposedConsolidatedScore([{ weightedScore: 8000 }, { weightedScore: 6901 }])).toBe(
      7451,
    );
    expect(proposedConsolidatedScore([])).toBeNull();
  });
});

describe("suggested assignments", () => {
  const evaluators = [
    { id: "e1", name: "Alice", load: 0 },
    { id: "e2", name: "Bruno", load: 0 },
    { id: "e3", name: "Chloé", load: 0 },
  ];
  it("spreads dossiers evenly and completes partial assignments only", () => {
    const dossiers = ["d1", "d2", "d3"].map((id) => ({ id, assigned: [], excluded: [] }));
    const s = suggestAssignments(
      [
        ...dossiers,
        { id: "d4", assigned: ["e1"], excluded: [] },
        { id: "d5", assigned: ["e1", "e2"], excluded: [] },
      ],
      evaluators,
      2,
    );
    expect(Object.fromEntries(s)).toEqual({
      d1: ["e1", "e2"],
      d2: ["e3", "e1"],
      d3: ["e2", "e3"],
      d4: ["e2"],
    });
  });
  it("never suggests a conflicted or already assigned evaluator, and the least loaded first", () => {
    const s = suggestAssignments(
      [{ id: "d", assigned: ["e2"], excluded: ["e1"] }],
      [
        { id: "e1", name: "Alice", load: 0 },
        { id: "e2", name: "Bruno", load: 0 },
        { id: "e3", name: "Chloé", load: 9 },
        { id: "e4", name: "Denis", load: 2 },
      ],
      3,
    );
    expect(s.get("d")).toEqual(["e4", "e3"]);
  });
  it("balances any workload to within one assignment", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 2, max: 6 }), (n, m) => {
        const people = Array.from({ length: m }, (_, i) => ({
          id: `e${i}`,
          name: `E${i}`,
          load: 0,
        }));
        const s = suggestAssignments(
          Array.from({ length: n }, (_, i) => ({ id: `d${i}`, assigned: [], excluded: [] })),
          people,
          2,
        );
        const count = new Map<string, number>();
        for (const ids of s.values()) {
          expect(new Set(ids).size).toBe(2);
          for (const id of ids) count.set(id, (count.get(id) ?? 0) + 1);
        }
        const loads = people.map((p) => count.get(p.id) ?? 0);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("finalisation blockers", () => {
  const done: DossierProgress = {
    reference: "R-1",
    status: "UNDER_REVIEW",
    activeAssignments: 2,
    submittedEvaluations: 2,
    hasOpinion: true,
    rank: 1,
  };
  it("names each dossier and what it lacks", () => {
    expect(finalizationBlockers([done], 2)).toEqual([]);
    expect(
      finalizationBlockers(
        [
          { ...done, reference: "R-2", status: "SUBMITTED" },
          { ...done, reference: "R-3", status: "COMPLEMENT_REQUESTED" },
          { ...done, reference: "R-4", activeAssignments: 1, submittedEvaluations: 1 },
          { ...done, reference: "R-5", activeAssignments: 3, submittedEvaluations: 2 },
          { ...done, reference: "R-6", hasOpinion: false, rank: null },
          { ...done, reference: "R-7", rank: null },
          { ...done, reference: "R-8", status: "INADMISSIBLE", activeAssignments: 0 },
          { ...done, reference: "R-9", status: "WITHDRAWN", activeAssignments: 0 },
        ],
        2,
      ),
    ).toEqual([
      "R-2 : recevabilité à vérifier",
      "R-3 : pièces complémentaires attendues",
      "R-4 : 1 évaluateur(s) sur 2 au minimum",
      "R-5 : évaluations manquantes (2 sur 3)",
      "R-6 : avis régional à rédiger",
      "R-7 : à classer",
    ]);
  });
});

describe("rows of the region's table, sent as compact text and written as HTML", () => {
  it("escapes every value typed by people, and keeps the cells of the table", async () => {
    const { encodeRegionRows, regionRowsHtml } = await import("@/components/regional/region-rows");
    const write = (rows: Parameters<typeof encodeRegionRows>[0], showScores: boolean) =>
      regionRowsHtml(encodeRegionRows(rows, ["animation"], showScores), 1, showScores);
    const row = {
      id: "abc",
      reference: "AMI2025-BRE-001",
      poleName: `<img src=x onerror="alert('x')"> & Cie | Fils\nNord`,
      territoryType: "RURAL" as const,
      status: "UNDER_REVIEW" as const,
      amountRequestedCents: null,
      assigned: 2,
      submitted: 1,
      scores: synthesize(
        ["animation"],
        [{ evaluatorId: "e", weightedScore: 7000, scores: new Map([["animation", 4]]) }],
        1500,
      ),
      opinion: null,
      next: { label: "Évaluations en cours (1/2)", mine: false },
    };
    const html = write([row], true);
    // the separators of the compact text typed in a value are escaped too, and the cells stay in place
    expect(html).toContain(
      "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; Cie &#124; Fils&#10;Nord",
    );
    expect(html).not.toContain("<img");
    expect(html).toContain('<th scope="row"><a href="/cra/dossiers/abc">AMI2025-BRE-001</a></th>');
    expect(html.match(/<td>/g)).toHaveLength(7); // pole, (status has its badge), progress, 1 criterion, total, opinion, next step
    expect(html).toContain(
      "<td>4,0 ± 0,0</td><td>70,00 ± 0,00</td><td>—</td><td>Évaluations en cours (1/2)</td>",
    );
    expect(html).toContain('<p class="fr-badge fr-badge--sm fr-badge--info">En instruction</p>');
    expect(write([row], false)).not.toContain("4,0 ± 0,0");
    expect(write([row], false)).toContain("<td>1/2</td><td>Évaluations en cours (1/2)</td></tr>");
    // one row per dossier, the mine flag as bold text
    const two = write([row, { ...row, id: "def", next: { label: "Évaluer", mine: true } }], true);
    expect(two.match(/<tr>/g)).toHaveLength(2);
    expect(two).toContain("<td><strong>Évaluer</strong></td></tr>");
    expect(write([], true)).toBe("");
  });
});
