// Pure aggregation of the statistics (no database): the funnel from draft to payment.
import type { ApplicationStatus, TerritoryType } from "@/lib/generated/prisma/enums";

const FUNNEL_STAGES = [
  { key: "created", label: "Dossiers créés (brouillons compris)" },
  { key: "submitted", label: "Déposés" },
  { key: "admissible", label: "Recevables" },
  { key: "regional", label: "Avis régional rendu" },
  { key: "laureate", label: "Lauréats" },
  { key: "signed", label: "Convention signée" },
  { key: "paid", label: "Premier versement effectué" },
] as const;
export type FunnelKey = (typeof FUNNEL_STAGES)[number]["key"];

const ADMISSIBLE: ApplicationStatus[] = [
  "UNDER_REVIEW",
  "REGIONAL_DONE",
  "LAUREATE",
  "RESERVE",
  "NOT_RETAINED",
];
const REGIONAL: ApplicationStatus[] = ["REGIONAL_DONE", "LAUREATE", "RESERVE", "NOT_RETAINED"];

export type StatusRow = { status: ApplicationStatus; submitted: boolean; count: number };

/**
 * The funnel: how many dossiers reached each stage, by their current status (a dossier withdrawn
 * after a stage is counted up to its submission only).
 */
export function funnel(
  rows: readonly StatusRow[],
  later: { laureates: number; signed: number; paid: number },
): { key: FunnelKey; label: string; count: number }[] {
  const sum = (keep: (r: StatusRow) => boolean) =>
    rows.filter(keep).reduce((s, r) => s + r.count, 0);
  const counts: Record<FunnelKey, number> = {
    created: sum(() => true),
    submitted: sum((r) => r.submitted),
    admissible: sum((r) => ADMISSIBLE.includes(r.status)),
    regional: sum((r) => REGIONAL.includes(r.status)),
    laureate: later.laureates,
    signed: later.signed,
    paid: later.paid,
  };
  return FUNNEL_STAGES.map((s) => ({ ...s, count: counts[s.key] }));
}

export const TERRITORY_ORDER: TerritoryType[] = ["RURAL", "QPV", "URBAN"];
