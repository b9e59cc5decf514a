// Inputs of the report forms (zod only: shared by the forms and the server).
import * as z from "@/lib/zod";

export const reportSchema = z
  .object({
    activity: z.string().trim().max(20_000, { message: "20 000 caractères au plus." }),
    financialSummary: z.string().trim().max(20_000, { message: "20 000 caractères au plus." }),
    // what was achieved for each indicator of the dossier, in its order
    achieved: z.array(z.string().trim().max(200, { message: "200 caractères au plus." })).max(50),
    submit: z.boolean(),
  })
  .superRefine((r, ctx) => {
    if (!r.submit) return;
    if (r.activity.length < 50)
      ctx.addIssue({
        code: "custom",
        path: ["activity"],
        message: "Décrivez les actions menées (50 caractères au moins) avant de déposer le bilan.",
      });
    if (r.financialSummary.length < 20)
      ctx.addIssue({
        code: "custom",
        path: ["financialSummary"],
        message:
          "Résumez l'emploi de la subvention (20 caractères au moins) avant de déposer le bilan.",
      });
    r.achieved.forEach((value, i) => {
      if (!value)
        ctx.addIssue({
          code: "custom",
          path: ["achieved", i],
          message: "Indiquez la valeur atteinte (ou « non mesuré »).",
        });
    });
  });
export type ReportInput = z.input<typeof reportSchema>;

export const reviewSchema = z
  .object({
    decision: z.enum(["ACCEPTED", "CHANGES_REQUESTED"], {
      message: "Choisissez : accepter ou demander des compléments.",
    }),
    comment: z.string().trim().max(5000, { message: "5000 caractères au plus." }),
  })
  .superRefine((r, ctx) => {
    if (r.decision === "CHANGES_REQUESTED" && r.comment.length < 10) {
      ctx.addIssue({
        code: "custom",
        path: ["comment"],
        message: "Précisez les compléments attendus (10 caractères au moins).",
      });
    }
  });
export type ReviewInput = z.input<typeof reviewSchema>;
