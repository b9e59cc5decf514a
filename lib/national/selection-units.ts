// The exact arithmetic both selection methods start from (lib/national/selection.ts, merit-order.ts). Pure.
//
// Amounts are divided by their greatest common divisor g and the envelope is floored in units of g: every sum
// of amounts is a multiple of g, so Σ ≤ envelope ⇔ Σ/g ≤ ⌊envelope/g⌋ and every sum stays exact. The dossiers
// are grouped by their "signature", the set of priorities their territory type counts for (at most three
// groups); a group's sums never exceed min(envelope, its total). Beyond MAX_CELLS (dossier, sum) cells in one
// group, or MAX_COMBINATIONS combinations of the enumerated groups' sums, the exact computation is refused.
import type { Priority, Territory } from "@/lib/national/selection";

/** Beyond this many (dossier, sum) cells in one group, the exact computation is refused. */
const MAX_CELLS = 600_000_000;
/** Beyond this many combinations of the enumerated groups' sums, the exact computation is refused. */
const MAX_COMBINATIONS = 50_000_000;

const TOO_MANY_CELLS =
  "Sélection trop grande pour un calcul exact (montants trop fins au regard de l'enveloppe).";
const TOO_MANY_COMBINATIONS =
  "Sélection trop grande pour un calcul exact (trop de combinaisons entre territoires ; montants trop fins au regard de l'enveloppe).";

const gcd = (a: number, b: number): number => {
  while (b) [a, b] = [b, a % b];
  return a;
};

type UnitGroup = {
  /** the signature: inPriority[p] when the group's territory types count for priority p */
  inPriority: boolean[];
  /** the items of the group (indexes into the items given), in their order */
  members: number[];
  /** the largest sum of the group that matters: min(capacity, its total), in units */
  cap: number;
};

/**
 * The items' amounts in units of their gcd, the envelope in those units, and the groups by signature (sorted by
 * signature; `withNeutral: false` leaves out the items that count for no priority). Refuses a group beyond
 * MAX_CELLS.
 */
export function selectionUnits(
  items: readonly { amountCents: number; territoryType: Territory }[],
  envelopeCents: number,
  priorities: readonly Priority[],
  { withNeutral }: { withNeutral: boolean },
) {
  const g = items.reduce((acc, c) => gcd(acc, c.amountCents), 0) || 1;
  const capacity = Math.floor(envelopeCents / g);
  const units = items.map((c) => c.amountCents / g);
  const signatureOf = (t: Territory) => priorities.map((p) => p.territoryTypes.includes(t));
  const byKey = new Map<string, number[]>();
  items.forEach((c, i) => {
    const signature = signatureOf(c.territoryType);
    if (!withNeutral && !signature.some(Boolean)) return;
    const key = signature.map((b) => (b ? "1" : "0")).join("");
    const members = byKey.get(key);
    if (members) members.push(i);
    else byKey.set(key, [i]);
  });
  const groups: UnitGroup[] = [...byKey.keys()].sort().map((key) => {
    const members = byKey.get(key)!;
    const cap = Math.min(
      capacity,
      members.reduce((s, i) => s + units[i]!, 0),
    );
    if (members.length * (cap + 1) > MAX_CELLS) throw new RangeError(TOO_MANY_CELLS);
    return { inPriority: [...key].map((b) => b === "1"), members, cap };
  });
  return { units, capacity, groups, signatureOf };
}

/** Refuses enumerating every combination of these groups' sums (`cap + 1` values each) beyond MAX_COMBINATIONS. */
export function assertCombinations(enumerated: readonly { cap: number }[]) {
  if (enumerated.reduce((n, gr) => n * (gr.cap + 1), 1) > MAX_COMBINATIONS)
    throw new RangeError(TOO_MANY_COMBINATIONS);
}
