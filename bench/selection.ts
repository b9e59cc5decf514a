// `npm run bench:selection`: time of the selection function (lib/national/selection.ts) for 10 000
// candidates, with one priority (rural/QPV 50 %), amounts of 30 000 € to 80 000 € in steps of 500 €.
// Prints figures; asserts nothing.
import { selectLaureates, type Candidate, type Territory } from "@/lib/national/selection";

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
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

const rows = [];
for (const [n, envelopeEuros] of [
  [79, 500_000],
  [10_000, 500_000],
  [10_000, 5_000_000],
  [10_000, 50_000_000],
] as const) {
  const list = candidates(n);
  const rules = { envelopeCents: envelopeEuros * 100, minGrantCents: 30_000_00, maxGrantCents: 80_000_00, priorities: [{ label: "Rural et QPV", territoryTypes: ["RURAL", "QPV"] as Territory[], minShareBps: 5000 }] };
  selectLaureates(list, rules); // warm-up
  const times: number[] = [];
  let laureates = 0;
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    laureates = selectLaureates(list, rules).laureates.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  rows.push({ candidats: n, "enveloppe (€)": envelopeEuros, lauréats: laureates, "médiane (ms)": Math.round(times[2]! * 10) / 10, "max (ms)": Math.round(times[4]! * 10) / 10 });
}
console.log("Sélection exacte (5 exécutions par cas)");
console.table(rows);
