// The regional cell's inputs, parsed the same way by the forms and the server.

import { type GridCriterion, isValidScore } from "@/lib/evaluations/score";
import { formatEuros } from "@/lib/format";
import { Opinion } from "@/lib/generated/prisma/enums";
import * as z from "@/lib/zod";

const id = z.string().min(1).max(40);
const requiredText = (max: number, message: string) =>
  z
    .string({ message })
    .trim()
    .min(1, { message })
    .max(max, { message: `${max} caractères au plus.` });

export const conflictSchema = z
  .object({
    hasConflict: z.boolean({
      message: "Indiquez si vous avez un conflit d'intérêts avec ce dossier.",
    }),
    reason: z.string().trim().max(1000, { message: "1000 caractères au plus." }).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.hasConflict && !v.reason)
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message:
          "Précisez la nature du lien (par exemple : membre du pôle, lien familial, mandat).",
      });
  });

/** A due date typed as a Paris day (YYYY-MM-DD), checked against today by the command. */
const parisDay = z
  .string({ message: "Indiquez une date limite." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Indiquez une date limite (jj/mm/aaaa)." });

export const admissibilitySchema = z.discriminatedUnion(
  "decision",
  [
    z.object({ decision: z.literal("COMPLETE") }),
    z.object({
      decision: z.literal("INCOMPLETE"),
      message: requiredText(2000, "Expliquez au porteur ce qui manque."),
      documentCodes: z
        .array(z.string().max(60))
        .min(1, { message: "Choisissez au moins une pièce à demander." })
        .max(20),
      dueDate: parisDay,
    }),
    z.object({
      decision: z.literal("INADMISSIBLE"),
      reason: requiredText(2000, "Motivez l'irrecevabilité : le porteur lira ce motif."),
    }),
  ],
  { message: "Choisissez : complet, incomplet ou irrecevable." },
);

export const assignmentSchema = z.object({
  evaluatorIds: z.array(id).max(20, { message: "20 évaluateurs au plus." }),
});

export const reasonSchema = z.object({ reason: requiredText(1000, "Indiquez le motif.") });

/**
 * An evaluation against the call's grid. A draft may leave scores and comments empty; a submission needs
 * every score within its range, a comment per criterion and the overall recommendation.
 */
export function evaluationSchema(
  grid: readonly (GridCriterion & { label: string })[],
  submit: boolean,
) {
  const criterion = (c: GridCriterion & { label: string }) =>
    z.object({
      score: z
        .unknown()
        .refine((v) => v === null || isValidScore(c, v), {
          message: `Choisissez une note entière de 0 à ${c.maxScore}.`,
        })
        .refine((v) => !submit || v !== null, { message: "Notez ce critère." })
        .transform((v) => v as number | null),
      comment: z
        .string({ message: "Commentaire invalide." })
        .trim()
        .max(3000, { message: "3000 caractères au plus." })
        .refine((v) => !submit || v.length > 0, {
          message: "Justifiez la note de ce critère par un commentaire.",
        }),
    });
  return z.object({
    scores: z.object(Object.fromEntries(grid.map((c) => [c.id, criterion(c)]))).strict(),
    recommendation: z
      .enum(Opinion, {
        message: "Choisissez une recommandation : favorable, réservée ou défavorable.",
      })
      .nullable()
      .refine((v) => !submit || v !== null, {
        message: "Choisissez une recommandation : favorable, réservée ou défavorable.",
      }),
    comment: z.string().trim().max(5000, { message: "5000 caractères au plus." }).default(""),
  });
}
export type EvaluationInput = {
  scores: Record<string, { score: number | null; comment: string }>;
  recommendation: Opinion | null;
  comment: string;
};

/** The regional opinion; the amount must fall within the call's bounds unless the opinion is unfavourable. */
export function opinionSchema(bounds: { minCents: number; maxCents: number }) {
  return z
    .object({
      opinion: z.enum(Opinion, {
        message: "Choisissez l'avis : favorable, réservé ou défavorable.",
      }),
      consolidatedScore: z
        .number({ message: "Saisissez la note consolidée (sur 100)." })
        .int({ message: "La note a deux décimales au plus." })
        .min(0, { message: "La note est comprise entre 0 et 100." })
        .max(10_000, { message: "La note est comprise entre 0 et 100." }),
      proposedAmountCents: z
        .number({ message: "Saisissez le montant proposé en euros." })
        .int({ message: "Le montant a deux décimales au plus." })
        .nullable(),
      motivation: requiredText(5000, "Motivez l'avis régional."),
    })
    .superRefine((v, ctx) => {
      if (v.opinion === "UNFAVORABLE") return;
      const amount = v.proposedAmountCents;
      if (amount === null || amount < bounds.minCents || amount > bounds.maxCents) {
        ctx.addIssue({
          code: "custom",
          path: ["proposedAmountCents"],
          message: `Le montant proposé doit être compris entre ${formatEuros(bounds.minCents)} et ${formatEuros(bounds.maxCents)}.`,
        });
      }
    })
    .transform((v) => ({
      ...v,
      proposedAmountCents: v.opinion === "UNFAVORABLE" ? 0 : v.proposedAmountCents!,
    }));
}

export const rankingSchema = z.object({
  order: z
    .array(id, { message: "Classement invalide." })
    .min(1, { message: "Aucun dossier à classer." })
    .max(2000),
});
