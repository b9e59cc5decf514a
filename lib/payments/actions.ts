"use server";
import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/actions/run";
import { recordPayment } from "@/lib/payments/mutations";
import type { PaymentInput } from "@/lib/payments/schema";

export async function recordPaymentAction(conventionId: string, input: PaymentInput) {
  return runAsActor(async (actor) => {
    const payment = await recordPayment(actor, String(conventionId), input);
    revalidatePath(`/cna/conventions/${conventionId}`);
    return { id: payment.id };
  });
}
