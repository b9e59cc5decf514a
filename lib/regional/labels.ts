// Words of the regional instruction, as the cells and the applicants read them.
import type { Opinion } from "@/lib/generated/prisma/enums";

export const OPINION_LABELS: Record<Opinion, string> = {
  FAVORABLE: "Favorable",
  RESERVED: "Favorable avec réserves",
  UNFAVORABLE: "Défavorable",
};

export const RECOMMENDATION_LABELS = OPINION_LABELS;

/** A score in hundredths, as "73,50". */
export function formatPoints(hundredths: number | null | undefined): string {
  if (hundredths === null || hundredths === undefined) return "—";
  return (hundredths / 100).toLocaleString("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A mean ± standard deviation of criterion scores, as "3,5 ± 1,2". */
export function formatMeanSd(mean: number | null, sd: number | null): string {
  if (mean === null) return "—";
  const f = (v: number) => v.toLocaleString("fr-FR", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return `${f(mean)} ± ${f(sd ?? 0)}`;
}

