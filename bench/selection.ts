// `npm run bench:selection`: time of the two selection methods (lib/national/selection.ts) — the merit order
// (the rule) and the maximal total score (the what-if) — for 79 and 10 000 candidates, with one priority
// (rural/QPV 50 %), amounts of 30 000 € to 80 000 € in steps of 500 €, and, for the merit order, with two
// overlapping priorities too (three territory groups). Median and max of 5 runs after a warm-up.
// Prints figures; asserts nothing.

import {
  type Candidate,
  type Priority,
  runSelection,
  type SelectionMethod,
  type SelectionRules,
  type Territory,
} from "@/lib/national/selection";
import { seededRandom } from "../scripts/lib/seeded-random.ts";

const random = seededRandom(7);
const TERRITORIES: Territory[] = ["RURAL", "QPV", "URBAN"];

function candidates(n: number): Candidate[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    score: 3000 + Math.floor(random() * 7000),
    amountCents: 30_000_00 + Math.floor(random() * 101) * 500_00,
    territoryType: TERRITORIES[Math.floor(random() * 3)]!,
    opinion: random() < 0.15 ? "UNFAVORABLE" : random() < 0.5 ? "RESERVED" : "FAVORABLE",
    tieBreak: `AMI-${String(i).padStart(5, "0")}`,
  }));
}

const ONE: Priority[] = [
  { label: "Rural et QPV", territoryTypes: ["RURAL", "QPV"], minShareBps: 5000 },
];
const TWO: Priority[] = [
  ONE[0]!,
  { label: "QPV et urbain", territoryTypes: ["QPV", "URBAN"], minShareBps: 4000 },
];

const rows = [];
const cases: [SelectionMethod, number, number, Priority[], boolean][] = [
  ["MERIT_ORDER", 79, 500_000, ONE, false],
  ["MERIT_ORDER", 79, 500_000, ONE, true],
  ["MAX_SCORE", 79, 500_000, ONE, false],
  ["MERIT_ORDER", 10_000, 500_000, ONE, false],
  ["MERIT_ORDER", 10_000, 500_000, ONE, true],
  ["MAX_SCORE", 10_000, 500_000, ONE, false],
  ["MERIT_ORDER", 10_000, 5_000_000, ONE, false],
  ["MAX_SCORE", 10_000, 5_000_000, ONE, false],
  ["MERIT_ORDER", 10_000, 50_000_000, ONE, false],
  ["MAX_SCORE", 10_000, 50_000_000, ONE, false],
  ["MERIT_ORDER", 10_000, 500_000, TWO, false],
  ["MERIT_ORDER", 10_000, 5_000_000, TWO, false],
];
const lists = new Map<number, Candidate[]>();
for (const [method, n, envelopeEuros, priorities, adjust] of cases) {
  if (!lists.has(n)) lists.set(n, candidates(n));
  const list = lists.get(n)!;
  const rules: SelectionRules = {
    envelopeCents: envelopeEuros * 100,
    minGrantCents: 30_000_00,
    maxGrantCents: 80_000_00,
    priorities,
    qualityThreshold: 0,
    reserveListLength: 5,
    adjustLastGrant: adjust,
  };
  const row = {
    méthode:
      method === "MERIT_ORDER"
        ? `ordre de mérite${adjust ? " (ajustement)" : ""}`
        : "total maximal",
    candidats: n,
    "enveloppe (€)": envelopeEuros,
    priorités: priorities.length,
  };
  try {
    runSelection(method, list, rules); // warm-up
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    rows.push({ ...row, lauréats: "refusé", "médiane (ms)": "—", "max (ms)": "—" });
    console.error(`${row.méthode}, ${n}, ${envelopeEuros} € : ${e.message}`);
    continue;
  }
  const times: number[] = [];
  let laureates = 0;
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    laureates = runSelection(method, list, rules).laureates.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  rows.push({
    ...row,
    lauréats: laureates,
    "médiane (ms)": Math.round(times[2]! * 10) / 10,
    "max (ms)": Math.round(times[4]! * 10) / 10,
  });
  console.error(`${row.méthode}, ${n}, ${envelopeEuros} € : ${Math.round(times[2]!)} ms`);
}
console.log("Sélection exacte, deux méthodes (5 exécutions par cas)");
console.table(rows);
