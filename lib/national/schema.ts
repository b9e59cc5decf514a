// The forms of the national consolidation, shared by the pages and the server.
import * as z from "@/lib/zod";

const JUSTIFICATION_MIN = 10;
const justification = z
  .string()
  .trim()
  .max(2000, { message: "2000 caractères au plus." })
  .default("");

/**
 * The second-level analysis of a dossier: the national score and amount; a change from the regional
 * values needs its written justification. `regional` and `bounds` come from the database, never the client.
 */
export function nationalReviewSchema(
  regional: { score: number; amountCents: number },
  bounds: { minCents: number; maxCents: number },
) {
  return z
    .object({
      score: z
        .number({ message: "Saisissez une note." })
        .int({ message: "Une note a au plus deux décimales." })
        .min(0, { message: "La note va de 0 à 100." })
        .max(10_000, { message: "La note va de 0 à 100." }),
      amountCents: z
        .number({ message: "Saisissez un montant." })
        .int({ message: "Un montant a au plus deux décimales." }),
      scoreJustification: justification,
      amountJustification: justification,
    })
    .superRefine((v, ctx) => {
      if (v.score !== regional.score && v.scoreJustification.length < JUSTIFICATION_MIN) {
        ctx.addIssue({
          code: "custom",
          path: ["scoreJustification"],
          message: `Justifiez la modification de la note (${JUSTIFICATION_MIN} caractères au moins).`,
        });
      }
      if (
        v.amountCents !== regional.amountCents &&
        v.amountJustification.length < JUSTIFICATION_MIN
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["amountJustification"],
          message: `Justifiez la modification du montant (${JUSTIFICATION_MIN} caractères au moins).`,
        });
      }
      // Confirming the regional amount is always possible (the selection excludes one out of bounds);
      // an adjusted amount must be within the call's bounds.
      if (
        v.amountCents !== regional.amountCents &&
        (v.amountCents < bounds.minCents || v.amountCents > bounds.maxCents)
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["amountCents"],
          message: `Le montant doit être compris entre ${euros(bounds.minCents)} et ${euros(bounds.maxCents)}.`,
        });
      }
    });
}
export type NationalReviewInput = z.input<ReturnType<typeof nationalReviewSchema>>;

const euros = (cents: number) =>
  `${new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 }).format(cents / 100)} €`;

const OUTCOMES = ["LAUREATE", "RESERVE", "NOT_RETAINED"] as const;

/** One line of the decision list, as the cell edits it before finalising. */
export const decisionEditSchema = z
  .object({
    outcome: z.enum(OUTCOMES, { message: "Choisissez une décision." }),
    amountCents: z
      .number()
      .int({ message: "Un montant a au plus deux décimales." })
      .nullable()
      .default(null),
    reserveRank: z
      .number()
      .int()
      .min(1, { message: "Le rang commence à 1." })
      .max(10_000)
      .nullable()
      .default(null),
    reasons: z
      .string()
      .trim()
      .min(1, { message: "Rédigez les motifs de la décision." })
      .max(8000, { message: "8000 caractères au plus." }),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "LAUREATE" && v.amountCents === null)
      ctx.addIssue({
        code: "custom",
        path: ["amountCents"],
        message: "Indiquez le montant attribué.",
      });
    if (v.outcome === "RESERVE" && v.reserveRank === null)
      ctx.addIssue({
        code: "custom",
        path: ["reserveRank"],
        message: "Indiquez le rang sur la liste complémentaire.",
      });
  });
export type DecisionEditInput = z.input<typeof decisionEditSchema>;

/** The reasons of a decision, editable until publication. */
export const reasonsSchema = z.object({
  reasons: z
    .string()
    .trim()
    .min(1, { message: "Rédigez les motifs de la décision." })
    .max(8000, { message: "8000 caractères au plus." }),
});

/** Accepting the proposed list: an adjusted last grant enters the draft only when the cell confirms it. */
export const acceptSelectionSchema = z.object({ confirmAdjusted: z.boolean().default(false) });

export const DEPARTURE_JUSTIFICATION_MIN = 20;
/** Finalising the list: the written justification, required when the list departs from the call's rule. */
export const finalizeDecisionsSchema = z.object({
  justification: z.string().trim().max(4000, { message: "4000 caractères au plus." }).default(""),
});

/** A laureate giving the grant up (the applicant), or recorded by the national cell. */
export const renounceSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(5, { message: "Indiquez le motif (5 caractères au moins)." })
    .max(1000, { message: "1000 caractères au plus." }),
});

/** The filters of the national view, read leniently from the address. */
export const overviewFiltersSchema = z.object({
  region: z.string().max(3).catch("").default(""),
  territoire: z.enum(["", "RURAL", "QPV", "URBAN"]).catch("").default(""),
  communaute: z.string().max(40).catch("").default(""),
  avis: z.enum(["", "FAVORABLE", "RESERVED", "UNFAVORABLE"]).catch("").default(""),
});
export type OverviewFilters = z.output<typeof overviewFiltersSchema>;

/**
 * The what-ifs of the simulation, kept in the address: `exclure` (ids separated by commas), `montant`
 * (id:euros, separated by commas) and `part` (priority index:percent, separated by commas).
 */
export function parseWhatIf(params: { exclure?: string; montant?: string; part?: string }) {
  const list = (s: string | undefined) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean)
      .slice(0, 200);
  const excludedIds = list(params.exclure).filter((id) => /^[\w-]{1,40}$/.test(id));
  const amounts: Record<string, number> = {};
  for (const pair of list(params.montant)) {
    const [id, value] = pair.split(":");
    const euros = Number(value);
    if (
      id &&
      /^[\w-]{1,40}$/.test(id) &&
      Number.isFinite(euros) &&
      euros > 0 &&
      euros <= 100_000_000
    )
      amounts[id] = Math.round(euros * 100);
  }
  const shares: Record<number, number> = {};
  for (const pair of list(params.part)) {
    const [index, value] = pair.split(":");
    const percent = Number(value);
    if (/^\d{1,2}$/.test(index ?? "") && Number.isFinite(percent) && percent >= 0 && percent <= 100)
      shares[Number(index)] = Math.round(percent * 100);
  }
  const active =
    excludedIds.length > 0 || Object.keys(amounts).length > 0 || Object.keys(shares).length > 0;
  return { excludedIds, amounts, shares, active };
}
export type ParsedWhatIf = ReturnType<typeof parseWhatIf>;

/** A CNA member's declaration of interests on a dossier, before reading it; a conflict needs its reason. */
const NATIONAL_CONFLICT_REASON_MIN = 10;
export const nationalInterestSchema = z
  .object({
    hasConflict: z.boolean({
      message: "Indiquez si vous avez un conflit d'intérêts avec ce dossier.",
    }),
    reason: z
      .string({ message: "Précisez la nature du lien." })
      .trim()
      .max(1000, { message: "1000 caractères au plus." })
      .default(""),
  })
  .superRefine((v, ctx) => {
    if (v.hasConflict && v.reason.length < NATIONAL_CONFLICT_REASON_MIN) {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: `Précisez la nature du lien avec ce dossier (${NATIONAL_CONFLICT_REASON_MIN} caractères au moins : membre du pôle, lien familial, mandat…).`,
      });
    }
  });
export type NationalInterestInput = z.input<typeof nationalInterestSchema>;
