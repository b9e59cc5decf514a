// The words of the national consolidation, as the cells and the applicants read them.

import { formatEuros, formatShare } from "@/lib/format";
import type { NotFundedReason } from "@/lib/national/selection";

// One wording of the regional opinion, whoever reads it.
export { OPINION_LABELS } from "@/lib/regional/labels";
export const OUTCOME_LABELS = {
  LAUREATE: "Lauréat",
  RESERVE: "Liste complémentaire",
  NOT_RETAINED: "Non retenu",
} as const;
/** The LAUREATE / RESERVE / NOT_RETAINED decision as an alert or badge severity. */
export const OUTCOME_SEVERITY = {
  LAUREATE: "success",
  RESERVE: "info",
  NOT_RETAINED: "warning",
} as const;
/** The two selection methods: merit order is the rule, the highest total score a what-if. */
export const METHOD_LABELS = {
  MERIT_ORDER: "Ordre de mérite",
  MAX_SCORE: "Total des notes maximal",
} as const;

/** Why a dossier is not funded by the proposed list, in one sentence. */
export function reasonText(reason: NotFundedReason): string {
  switch (reason.code) {
    case "UNFAVORABLE":
      return "Avis régional défavorable.";
    case "BELOW_MIN":
      return `Montant inférieur au minimum de l'appel (${formatEuros(reason.minCents)}).`;
    case "ABOVE_MAX":
      return `Montant supérieur au maximum de l'appel (${formatEuros(reason.maxCents)}).`;
    case "INVALID":
      return "Note ou montant invalide.";
    case "EXCLUDED":
      return "Écarté dans la simulation.";
    case "BELOW_THRESHOLD":
      return `Note nationale inférieure au seuil de qualité de ${formatScore(reason.thresholdScore)} / 100.`;
    case "ENVELOPE":
      return reason.remainingCents <= 0
        ? `L'enveloppe est entièrement attribuée ; le montant de ${formatEuros(reason.amountCents)} ne peut plus être financé.`
        : `L'enveloppe restante, ${formatEuros(reason.remainingCents)}, est inférieure au montant de ${formatEuros(reason.amountCents)}.`;
    case "PRIORITY_UNREACHABLE": {
      const names = reason.labels.map((l) => `« ${l} »`);
      if (names.length === 0) return "Une part minimale deviendrait inatteignable.";
      return names.length === 1
        ? `La part minimale ${names[0]} deviendrait inatteignable.`
        : `Les parts minimales ${names.slice(0, -1).join(", ")} et ${names.at(-1)} deviendraient inatteignables.`;
    }
    case "PRIORITY":
      return `Romprait la part minimale « ${reason.label} » (${formatShare(reason.shareBps)} au lieu de ${formatShare(reason.minShareBps)} au moins).`;
    case "NO_GAIN":
      return "N'augmenterait pas le total des notes (note nulle).";
  }
}

const TWO_DECIMALS = new Intl.NumberFormat("fr-FR", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const NO_DECIMALS = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

/** A score in hundredths as people read it: 7350 → "73,50". */
export function formatScore(hundredths: number): string {
  return TWO_DECIMALS.format(hundredths / 100);
}

/** A statistic (z-score with two decimals, percentile with none); "—" when there is none. */
export function formatStatistic(x: number | null | undefined, decimals: 0 | 2 = 2): string {
  return x === null || x === undefined
    ? "—"
    : (decimals === 2 ? TWO_DECIMALS : NO_DECIMALS).format(x);
}
