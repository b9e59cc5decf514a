"use server";
import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/actions/run";
import { changeCallPhase, createCall, duplicateCall, updateCall } from "@/lib/calls/mutations";
import type { CallInput } from "@/lib/calls/schema";
import { AppError } from "@/lib/errors";
import { CallPhase } from "@/lib/generated/prisma/enums";

export async function createCallAction(values: CallInput) {
  return runAsActor(async (actor) => {
    const call = await createCall(actor, values);
    revalidatePath("/admin/appels");
    return { id: call.id };
  });
}

export async function updateCallAction(callId: string, values: CallInput) {
  return runAsActor(async (actor) => {
    await updateCall(actor, String(callId), values);
    revalidatePath("/", "layout");
  });
}

export async function duplicateCallAction(callId: string) {
  return runAsActor(async (actor) => {
    const call = await duplicateCall(actor, String(callId));
    revalidatePath("/admin/appels");
    return { id: call.id };
  });
}

export async function changeCallPhaseAction(callId: string, phase: string) {
  return runAsActor(async (actor) => {
    if (!(Object.values(CallPhase) as string[]).includes(phase))
      throw new AppError("VALIDATION", "Phase inconnue.");
    await changeCallPhase(actor, String(callId), phase as CallPhase);
    revalidatePath("/", "layout");
  });
}
