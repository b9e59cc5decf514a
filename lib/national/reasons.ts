// The reasons of a decision, drafted from the outcome, the pass-over reason and the regional opinion; the
// cell edits them before publication. The per-criterion appreciations (scores and comments) are not
// repeated here: the letter and the applicant's page give them criterion by criterion. Pure.
import { formatEuros } from "@/lib/format";

export type ReasonsInput = {
  outcome: "LAUREATE" | "RESERVE" | "NOT_RETAINED";
  amountCents: number | null;
  reserveRank: number | null;
  /** why the proposed list does not fund it (not retained or reserve), in one sentence */
  notFundedReason?: string | null;
  regionalMotivation: string;
};

export function draftReasons(input: ReasonsInput): string {
  const parts: string[] = [];
  if (input.outcome === "LAUREATE") {
    parts.push(`Votre projet est retenu par la cellule nationale d'animation pour une subvention de ${formatEuros(input.amountCents ?? 0)}.`);
  } else if (input.outcome === "RESERVE") {
    parts.push(
      `Votre projet est inscrit en position ${input.reserveRank ?? "—"} sur la liste complémentaire : il pourra être financé si un lauréat renonce à sa subvention.` +
        (input.notFundedReason ? ` Motif : ${input.notFundedReason}` : ""),
    );
  } else {
    parts.push(`Votre projet n'est pas retenu.${input.notFundedReason ? ` Motif : ${input.notFundedReason}` : ""}`);
  }
  if (input.regionalMotivation.trim()) parts.push(`Avis de la cellule régionale : ${input.regionalMotivation.trim()}`);
  return parts.join("\n");
}
