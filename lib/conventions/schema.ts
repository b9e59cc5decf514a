// Inputs of the convention forms (zod only: shared by the forms and the server).
import { searchText } from "@/lib/validation";
import * as z from "@/lib/zod";

export const cancelConventionSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(5, { message: "Indiquez le motif de l'annulation (5 caractères au moins)." })
    .max(2000, { message: "2000 caractères au plus." }),
});

export const conventionFilterSchema = z.object({
  appel: z.string().max(100).optional().catch(undefined),
  statut: z
    .enum([
      "TO_PREPARE",
      "SENT",
      "SIGNED_BY_POLE",
      "COUNTERSIGNED",
      "CANCELLED",
      "OVERDUE",
      "PROMOTION",
    ])
    .optional()
    .catch(undefined),
  region: z.string().max(3).optional().catch(undefined),
  q: searchText(100),
});
export type ConventionFilter = z.output<typeof conventionFilterSchema>;
