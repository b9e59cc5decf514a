"use server";
import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/actions/run";
import {
  acceptSelection,
  declareNationalInterest,
  finalizeDecisions,
  promoteReserve,
  publishDecisions,
  recordLaureateWithdrawal,
  renounceGrant,
  reopenDecisions,
  reviewDossier,
  updateDecision,
} from "@/lib/national/mutations";
import type {
  DecisionEditInput,
  NationalInterestInput,
  NationalReviewInput,
} from "@/lib/national/schema";

export async function reviewDossierAction(applicationId: string, input: NationalReviewInput) {
  return runAsActor(async (actor) => {
    const result = await reviewDossier(actor, String(applicationId), input);
    revalidatePath("/cna", "layout");
    return result;
  });
}

export async function acceptSelectionAction(
  callId: string,
  input: { confirmAdjusted?: boolean } = {},
) {
  return runAsActor(async (actor) => {
    const result = await acceptSelection(actor, String(callId), input);
    revalidatePath("/cna", "layout");
    return result;
  });
}

export async function updateDecisionAction(
  applicationId: string,
  input: Partial<DecisionEditInput> & { reasons: string },
) {
  return runAsActor(async (actor) => {
    await updateDecision(actor, String(applicationId), input);
    revalidatePath("/cna", "layout");
  });
}

export async function finalizeDecisionsAction(
  callId: string,
  input: { justification?: string } = {},
) {
  return runAsActor(async (actor) => {
    await finalizeDecisions(actor, String(callId), input);
    revalidatePath("/cna", "layout");
  });
}

export async function reopenDecisionsAction(callId: string) {
  return runAsActor(async (actor) => {
    await reopenDecisions(actor, String(callId));
    revalidatePath("/cna", "layout");
  });
}

export async function publishDecisionsAction(callId: string) {
  return runAsActor(async (actor) => {
    const result = await publishDecisions(actor, String(callId));
    revalidatePath("/", "layout");
    return result;
  });
}

export async function recordWithdrawalAction(applicationId: string, reason: string) {
  return runAsActor(async (actor) => {
    await recordLaureateWithdrawal(actor, String(applicationId), { reason });
    revalidatePath("/cna", "layout");
  });
}

export async function promoteReserveAction(callId: string, applicationId: string) {
  return runAsActor(async (actor) => {
    const result = await promoteReserve(actor, String(callId), String(applicationId));
    revalidatePath("/", "layout");
    return result;
  });
}

export async function renounceGrantAction(applicationId: string, reason: string) {
  return runAsActor(async (actor) => {
    await renounceGrant(actor, String(applicationId), { reason });
    revalidatePath("/mes-dossiers", "layout");
  });
}

// ── Declarations of interests of the national cell ──
export async function declareNationalInterestAction(
  applicationId: string,
  input: NationalInterestInput,
) {
  return runAsActor(async (actor) => {
    const result = await declareNationalInterest(actor, String(applicationId), input);
    revalidatePath(`/cna/dossiers/${String(applicationId)}`);
    return result;
  });
}
