// Input of the payment form (zod only: shared by the form and the server).
import * as z from "@/lib/zod";

export const paymentSchema = z.object({
  trancheId: z
    .string({ message: "Choisissez la tranche versée." })
    .min(1, { message: "Choisissez la tranche versée." })
    .max(40),
  amountCents: z
    .number({ message: "Saisissez le montant versé, par exemple 35 000 ou 35 000,50." })
    .int({ message: "Le montant est en centimes entiers." })
    .positive({ message: "Le montant du versement doit être positif." })
    .max(2_000_000_000, { message: "Montant trop élevé." }),
  paidOn: z
    .string({ message: "Indiquez la date du versement." })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Indiquez la date du versement (jj/mm/aaaa)." }),
  accountingReference: z
    .string({ message: "Indiquez la référence comptable." })
    .trim()
    .min(3, { message: "Indiquez la référence comptable (3 caractères au moins)." })
    .max(60, { message: "60 caractères au plus." }),
});
export type PaymentInput = z.input<typeof paymentSchema>;
