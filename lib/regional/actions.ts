"use server";
// The regional cell's server actions: thin, the commands parse their input and ask the policy.
import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/actions/run";
import {
  assignEvaluators,
  assignSuggested,
  checkAdmissibility,
  declareConflict,
  finalizeRegion,
  rankRegion,
  reopenRegion,
  saveEvaluation,
  saveRegionalOpinion,
} from "@/lib/regional/mutations";

const dossierPath = (id: string) => `/cra/dossiers/${id}`;

export async function declareConflictAction(applicationId: string, input: unknown) {
  return runAsActor(async (actor) => {
    const result = await declareConflict(actor, String(applicationId), input);
    revalidatePath(dossierPath(String(applicationId)));
    return result;
  });
}

export async function checkAdmissibilityAction(applicationId: string, input: unknown) {
  return runAsActor(async (actor) => {
    await checkAdmissibility(actor, String(applicationId), input);
    revalidatePath(dossierPath(String(applicationId)));
  });
}

export async function assignEvaluatorsAction(applicationId: string, input: unknown) {
  return runAsActor(async (actor) => {
    await assignEvaluators(actor, String(applicationId), input);
    revalidatePath(dossierPath(String(applicationId)));
  });
}

export async function assignSuggestedAction(callId: string, regionCode: string) {
  return runAsActor(async (actor) => {
    const result = await assignSuggested(actor, String(callId), String(regionCode));
    revalidatePath("/cra");
    return result;
  });
}

export async function saveEvaluationAction(applicationId: string, input: unknown, submit: boolean) {
  return runAsActor(async (actor) => {
    const result = await saveEvaluation(actor, String(applicationId), input, submit === true);
    if (submit === true) revalidatePath(dossierPath(String(applicationId)));
    return result;
  });
}

export async function saveRegionalOpinionAction(applicationId: string, input: unknown) {
  return runAsActor(async (actor) => {
    await saveRegionalOpinion(actor, String(applicationId), input);
    revalidatePath(dossierPath(String(applicationId)));
  });
}

export async function rankRegionAction(callId: string, regionCode: string, input: unknown) {
  return runAsActor(async (actor) => {
    await rankRegion(actor, String(callId), String(regionCode), input);
    revalidatePath("/cra/classement");
  });
}

export async function finalizeRegionAction(callId: string, regionCode: string) {
  return runAsActor(async (actor) => {
    const result = await finalizeRegion(actor, String(callId), String(regionCode));
    revalidatePath("/cra");
    return result;
  });
}

export async function reopenRegionAction(callId: string, regionCode: string, input: unknown) {
  return runAsActor(async (actor) => {
    await reopenRegion(actor, String(callId), String(regionCode), input);
    revalidatePath("/cna");
  });
}
