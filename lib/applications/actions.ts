"use server";
import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/actions/run";
import { getDraftVersion } from "@/lib/applications/data";
import {
  acceptInvitation,
  answerComplementRequest,
  createApplication,
  inviteCoEditor,
  postMessage,
  removeCoEditor,
  saveDraft,
  submitApplication,
  withdrawApplication,
} from "@/lib/applications/mutations";
import type { ApplicationDraftInput } from "@/lib/applications/schema";

export async function createApplicationAction(callId: string) {
  return runAsActor(async (actor) => {
    const application = await createApplication(actor, String(callId));
    revalidatePath("/mes-dossiers");
    return application;
  });
}

export async function saveDraftAction(
  applicationId: string,
  version: number,
  draft: ApplicationDraftInput,
) {
  return runAsActor((actor) => saveDraft(actor, String(applicationId), { version, draft }));
}

/** The current version of a draft, to save over it after a conflict the person chose to resolve so. */
export async function currentVersionAction(applicationId: string) {
  return runAsActor((actor) => getDraftVersion(actor, String(applicationId)));
}

export async function submitApplicationAction(applicationId: string, honour: boolean) {
  return runAsActor(async (actor) => {
    const submitted = await submitApplication(actor, String(applicationId), { honour });
    revalidatePath("/mes-dossiers", "layout");
    return submitted;
  });
}

export async function withdrawApplicationAction(applicationId: string, reason: string) {
  return runAsActor(async (actor) => {
    await withdrawApplication(actor, String(applicationId), { reason });
    revalidatePath("/mes-dossiers", "layout");
  });
}

export async function postMessageAction(applicationId: string, body: string) {
  return runAsActor(async (actor) => {
    await postMessage(actor, String(applicationId), { body });
    revalidatePath(`/mes-dossiers/${applicationId}`);
  });
}

export async function inviteCoEditorAction(applicationId: string, email: string) {
  return runAsActor(async (actor) => {
    await inviteCoEditor(actor, String(applicationId), { email });
    revalidatePath(`/mes-dossiers/${applicationId}`);
  });
}

export async function removeCoEditorAction(collaboratorId: string) {
  return runAsActor(async (actor) => {
    await removeCoEditor(actor, String(collaboratorId));
    revalidatePath("/mes-dossiers", "layout");
  });
}

export async function acceptInvitationAction(collaboratorId: string) {
  return runAsActor((actor) => acceptInvitation(actor, String(collaboratorId)));
}

export async function answerComplementAction(requestId: string, answer: string) {
  return runAsActor(async (actor) => {
    await answerComplementRequest(actor, String(requestId), { answer });
    revalidatePath("/mes-dossiers", "layout");
  });
}
