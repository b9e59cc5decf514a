// Words of the regional instruction, as the cells and the applicants read them.
import type { Opinion } from "@/lib/generated/prisma/enums";

export const OPINION_LABELS: Record<Opinion, string> = {
  FAVORABLE: "Favorable",
  RESERVED: "Favorable avec réserves",
  UNFAVORABLE: "Défavorable",
};

/** The regional opinion as a badge severity. */
export const OPINION_SEVERITY = {
  FAVORABLE: "success",
  RESERVED: "warning",
  UNFAVORABLE: "error",
} as const satisfies Record<Opinion, string>;

// Formatters made once: a list of 500 dossiers formats thousands of figures.
const twoDecimals = new Intl.NumberFormat("fr-FR", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const oneDecimal = new Intl.NumberFormat("fr-FR", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** A score in hundredths, as "73,50". */
export function formatPoints(hundredths: number | null | undefined): string {
  if (hundredths === null || hundredths === undefined) return "—";
  return twoDecimals.format(hundredths / 100);
}

/** A mean ± standard deviation of criterion scores, as "3,5 ± 1,2". */
export function formatMeanSd(mean: number | null, sd: number | null): string {
  if (mean === null) return "—";
  return `${oneDecimal.format(mean)} ± ${oneDecimal.format(sd ?? 0)}`;
}
