// The reasons of a decision, drafted from the outcome and the regional opinion; the cell edits them before
// publication. The pass-over reason and the per-criterion appreciations (scores and comments) are not repeated
// here: the letter and the applicant's page give them, each under its own heading. Pure.
import { formatEuros } from "@/lib/format";

export type ReasonsInput = {
  outcome: "LAUREATE" | "RESERVE" | "NOT_RETAINED";
  amountCents: number | null;
  reserveRank: number | null;
  regionalMotivation: string;
};

export function draftReasons(input: ReasonsInput): string {
  const parts: string[] = [];
  if (input.outcome === "LAUREATE") {
    parts.push(
      `Votre projet est retenu par la cellule nationale d'animation pour une subvention de ${formatEuros(input.amountCents ?? 0)}.`,
    );
  } else if (input.outcome === "RESERVE") {
    parts.push(
      `Votre projet est inscrit au rang ${input.reserveRank ?? "—"} de la liste complémentaire : il pourra être financé si un lauréat renonce à sa subvention.`,
    );
  } else {
    parts.push("Votre projet n'est pas retenu.");
  }
  if (input.regionalMotivation.trim())
    parts.push(`Avis de la cellule régionale : ${input.regionalMotivation.trim()}`);
  return parts.join("\n");
}
