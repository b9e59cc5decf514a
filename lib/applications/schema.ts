// The dossier as its multi-step form edits it. A draft may be incomplete: this schema bounds every
// value (types, lengths, amounts) and the completeness is checked at submission (lib/applications/completeness.ts).

import { ExpenseCategory, FundingSource, FundingStatus } from "@/lib/generated/prisma/enums";
import { emailSchema } from "@/lib/users/schema";
import * as z from "@/lib/zod";

const text = (max: number) =>
  z
    .string()
    .max(max, { message: `${max} caractères au plus.` })
    .default("");
// An amount being typed may be empty (NaN or null): kept as 0, flagged at submission.
const amount = z
  .union([z.number(), z.nan(), z.null()])
  .transform((v) => (typeof v === "number" && Number.isFinite(v) ? v : 0))
  .pipe(
    z
      .number()
      .int({ message: "Saisissez un montant en euros, sans centimes au-delà de deux décimales." })
      .min(0, { message: "Le montant ne peut être négatif." })
      .max(20_000_000_00, { message: "Montant trop élevé (20 000 000 € au plus)." }),
  );
const year = z.union([z.literal(1), z.literal(2)], { message: "Choisissez l'année 1 ou 2." });

const expenseLineSchema = z.object({
  category: z.enum(ExpenseCategory, { message: "Choisissez une catégorie de dépense." }),
  label: text(200),
  year,
  amountCents: amount,
});

const fundingLineSchema = z.object({
  source: z.enum(FundingSource, { message: "Choisissez l'origine du financement." }),
  funderName: z.string().trim().max(200, { message: "200 caractères au plus." }).default(""),
  year,
  amountCents: amount,
  status: z.enum(FundingStatus, { message: "Indiquez si le financement est acquis ou sollicité." }),
});

const indicatorSchema = z.object({
  label: text(200),
  unit: text(50),
  baseline: text(100),
  targetYear1: text(100),
  targetYear2: text(100),
});

const total = (lines: { amountCents: number }[]) => lines.reduce((s, l) => s + l.amountCents, 0);

export const applicationDraftSchema = z
  .object({
    title: text(200),
    presentation: text(10_000),
    governance: text(10_000),
    cooperation: text(10_000),
    leverAnswers: z
      .array(z.object({ leverId: z.string().min(1).max(40), text: text(10_000) }))
      .max(20),
    economicImpact: text(5_000),
    socialImpact: text(5_000),
    ecologicalImpact: text(5_000),
    indicators: z.array(indicatorSchema).max(30, { message: "30 indicateurs au plus." }),
    expenses: z.array(expenseLineSchema).max(100, { message: "100 lignes au plus." }),
    fundings: z.array(fundingLineSchema).max(100, { message: "100 lignes au plus." }),
    learningCommunityId: z.string().max(40).nullable().default(null),
  })
  .refine((d) => total(d.expenses) <= 20_000_000_00 && total(d.fundings) <= 20_000_000_00, {
    message: "Le budget dépasse 20 000 000 € : vérifiez les montants.",
    path: ["expenses"],
  });

export type ApplicationDraft = z.output<typeof applicationDraftSchema>;
export type ApplicationDraftInput = z.input<typeof applicationDraftSchema>;

/** An autosave: the version the writer read, and the whole draft. */
export const draftSaveSchema = z.object({
  version: z.number().int().min(0),
  draft: applicationDraftSchema,
});

// The dossier's smaller forms, parsed again on the server (lib/applications/mutations.ts).

/** The owner invites a co-editor by e-mail. */
export const coEditorSchema = z.object({ email: emailSchema });

/** A message of the dossier's thread between its applicants and the instruction team. */
export const messageSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, { message: "Écrivez votre message." })
    .max(5000, { message: "5000 caractères au plus." }),
});

/** The owner withdraws the candidacy, with an optional reason. */
export const withdrawSchema = z.object({
  reason: z.string().trim().max(1000, { message: "1000 caractères au plus." }).default(""),
});

/** The applicant's note answering a request for missing documents. */
export const complementAnswerSchema = z.object({
  answer: z.string().trim().max(5000, { message: "5000 caractères au plus." }).default(""),
});
