"use server";
import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/actions/run";
import {
  cancelConvention,
  countersignConvention,
  prepareConventions,
  sendConvention,
} from "@/lib/conventions/mutations";

export async function prepareConventionsAction(callId: string) {
  return runAsActor(async (actor) => {
    const count = await prepareConventions(actor, String(callId));
    revalidatePath("/cna/conventions");
    return count;
  });
}

export async function sendConventionAction(conventionId: string) {
  return runAsActor(async (actor) => {
    await sendConvention(actor, String(conventionId));
    revalidatePath("/cna/conventions", "layout");
  });
}

export async function countersignConventionAction(conventionId: string) {
  return runAsActor(async (actor) => {
    await countersignConvention(actor, String(conventionId));
    revalidatePath("/cna/conventions", "layout");
  });
}

export async function cancelConventionAction(conventionId: string, reason: string) {
  return runAsActor(async (actor) => {
    await cancelConvention(actor, String(conventionId), { reason });
    revalidatePath("/cna/conventions", "layout");
  });
}
