// The reasons of a decision, drafted from the regional opinion and the evaluators' per-criterion
// comments; the cell edits them before publication. Pure.
import { formatEuros } from "@/lib/format";

export type ReasonsInput = {
  outcome: "LAUREATE" | "RESERVE" | "NOT_RETAINED";
  amountCents: number | null;
  reserveRank: number | null;
  /** why the proposed list does not fund it (not retained or reserve), in one sentence */
  notFundedReason?: string | null;
  regionalMotivation: string;
  criteria: { label: string; comments: string[] }[];
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
  const appreciations = input.criteria
    .map((c) => ({ label: c.label, comments: c.comments.map((x) => x.trim()).filter(Boolean) }))
    .filter((c) => c.comments.length);
  if (appreciations.length) {
    parts.push("Appréciations par critère :");
    for (const c of appreciations) parts.push(`- ${c.label} : ${[...new Set(c.comments)].join(" ; ")}`);
  }
  return parts.join("\n");
}
