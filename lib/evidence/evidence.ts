// The evidence of a national selection: what the jury's pack (pack.ts) and its minutes (minutes.ts) are
// made of, read by lib/evidence/data.ts. Types and French texts only, shared by both without a cycle.
import type {
  Candidate,
  SelectionMethod,
  SelectionResult,
  SelectionRules,
} from "@/lib/national/selection";

type Outcome = "LAUREATE" | "RESERVE" | "NOT_RETAINED";

/** A candidate of the selection as the pack gives it: the function's input plus what names it. */
export type PackCandidate = Candidate & {
  reference: string;
  pole: string;
  regionCode: string;
  region: string;
};

/** A final decision, as finalised (a later promotion from the reserve list is not part of it). */
export type EvidenceDecision = {
  applicationId: string;
  reference: string;
  pole: string;
  region: string;
  territoryType: Candidate["territoryType"];
  score: number | null;
  meritRank: number | null;
  outcome: Outcome;
  amountCents: number | null;
  reserveRank: number | null;
  adjusted: boolean;
  passOverReason: string | null;
};

/** A CNA member who sat: what they did on the call and their declarations of interests. */
type EvidenceMember = {
  name: string;
  reviews: number;
  actions: number;
  conflicts: { reference: string; reason: string }[];
  withoutConflict: number;
};

/** A national score or amount that differs from the regional one, with its justification. */
type ReviewOverride = {
  reference: string;
  reviewer: string;
  regionalScore: number;
  nationalScore: number;
  scoreJustification: string | null;
  regionalAmountCents: number;
  nationalAmountCents: number;
  amountJustification: string | null;
};

type Line = { outcome: Outcome | null; amountCents: number | null; reserveRank: number | null };
/** A line of the proposed list edited by the cell (from the audit log). */
export type LineEdit = { reference: string; actor: string; at: Date; before: Line; after: Line };

/** Everything the minutes and the pack are made of, read by lib/evidence/data.ts. */
export type Evidence = {
  call: {
    id: string;
    slug: string;
    title: string;
    finalizedAt: Date;
    adjustLastGrantAllowed: boolean;
  };
  method: SelectionMethod;
  /** the call's rules (the adjustment of the last grant as the call allows it) */
  rules: SelectionRules;
  candidates: PackCandidate[];
  decisions: EvidenceDecision[];
  members: EvidenceMember[];
  reviewOverrides: ReviewOverride[];
  lineEdits: LineEdit[];
  /** how the final list departs from the call's rule, as the cell saw it when it finalised (the audit log) */
  departures: string[];
  /** the cell's written justification of those departures */
  justification: string | null;
};

export type PackFile = { name: string; bytes: Uint8Array; sha256: string };

/** What the pack computes from the evidence: the re-run selection of the list the cell accepted, its rules. */
export type Analysis = {
  rules: SelectionRules;
  /** the call allows an adjusted last grant, the selection proposed one and the cell declined it */
  adjustmentDeclined: boolean;
  result: SelectionResult;
  /** the lowest national score among the laureates */
  fundingLineScore: number | null;
};

/** The tie-breaks of each method, in French (README « The selection »). */
export function tieBreakTexts(method: SelectionMethod): string[] {
  const ranking = [
    "Classement : note nationale décroissante, puis montant croissant, puis référence du dossier (ordre alphabétique), puis identifiant.",
  ];
  return method === "MERIT_ORDER"
    ? [
        ...ranking,
        "Le dossier suivant dans le classement est financé si et seulement si une liste respectant l'enveloppe et chaque part prioritaire le contient avec tous les dossiers déjà financés.",
      ]
    : [
        ...ranking,
        "Entre deux listes possibles : le total des notes le plus élevé, puis le montant total le plus faible, puis celle dont les dossiers les mieux classés viennent en premier.",
      ];
}
