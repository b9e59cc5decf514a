import { describe, expect, it } from "vitest";
import {
  evaluatorAgreement,
  percentileRank,
  regionSeverity,
  scoreContext,
  zScore,
} from "@/lib/national/statistics";

describe("comparable scores", () => {
  const rows = [
    { id: "a", regionCode: "53", score: 8000 },
    { id: "b", regionCode: "53", score: 6000 },
    { id: "c", regionCode: "76", score: 5000 },
    { id: "d", regionCode: "76", score: 5000 },
    { id: "e", regionCode: "76", score: 8000 },
  ];

  it("measures each region's severity: mean and standard deviation of its consolidated scores", () => {
    const s = regionSeverity(rows);
    expect(s.get("53")).toEqual({
      regionCode: "53",
      count: 2,
      mean: 7000,
      standardDeviation: 1000,
    });
    expect(s.get("76")!.mean).toBe(6000);
    expect(s.get("76")!.standardDeviation).toBeCloseTo(Math.sqrt(2_000_000), 6);
  });

  it("puts a raw score in context: z-score within its region, null without spread", () => {
    expect(zScore(8000, { mean: 7000, standardDeviation: 1000 })).toBe(1);
    expect(zScore(6000, { mean: 7000, standardDeviation: 1000 })).toBe(-1);
    expect(zScore(5000, { mean: 5000, standardDeviation: 0 })).toBeNull();
    expect(zScore(5000, { mean: null, standardDeviation: null })).toBeNull();
  });

  it("gives the mid-rank percentile within the region", () => {
    expect(percentileRank(8000, [8000, 6000])).toBe(75);
    expect(percentileRank(6000, [8000, 6000])).toBe(25);
    expect(percentileRank(5000, [5000, 5000, 8000])).toBeCloseTo(100 / 3, 10);
    expect(percentileRank(1, [1])).toBe(50);
    expect(percentileRank(1, [])).toBeNull();
  });

  it("the same raw score ranks differently in a severe and in a lenient region", () => {
    const ctx = scoreContext(rows);
    expect(ctx.byId.get("a")!.zScore).toBe(1);
    expect(ctx.byId.get("e")!.zScore).toBeCloseTo(2000 / Math.sqrt(2_000_000), 10);
    expect(ctx.byId.get("e")!.percentile).toBeCloseTo(500 / 6, 10);
  });

  it("measures evaluator agreement as the mean per-dossier standard deviation, ignoring single evaluations", () => {
    const agreement = evaluatorAgreement([
      { regionCode: "53", applicationId: "a", weightedScore: 7000 },
      { regionCode: "53", applicationId: "a", weightedScore: 9000 },
      { regionCode: "53", applicationId: "b", weightedScore: 6000 },
      { regionCode: "53", applicationId: "b", weightedScore: 6000 },
      { regionCode: "76", applicationId: "c", weightedScore: 5000 },
    ]);
    expect(agreement.get("53")).toEqual({ dossiers: 2, meanStandardDeviation: 500 });
    expect(agreement.has("76")).toBe(false);
  });
});

describe("scoreContext at scale", () => {
  it("gives the same percentiles as the definition", () => {
    let seed = 3;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return (seed % 40) * 250;
    };
    const rows = Array.from({ length: 300 }, (_, i) => ({
      id: `d${i}`,
      regionCode: String(i % 4),
      score: rnd(),
    }));
    const ctx = scoreContext(rows);
    for (const r of rows) {
      const region = rows.filter((x) => x.regionCode === r.regionCode).map((x) => x.score);
      expect(ctx.byId.get(r.id)!.percentile).toBeCloseTo(percentileRank(r.score, region)!, 10);
    }
  });
});
