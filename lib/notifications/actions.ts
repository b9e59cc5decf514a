"use server";
import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/actions/run";
import {
  resendFailedOfCall,
  resendNotification,
  retryDocumentJob,
} from "@/lib/notifications/mutations";

// The log shows in the national cell's pages (its log, the decision page, a convention's page) and in the administration.
function revalidateLogs() {
  revalidatePath("/cna", "layout");
  revalidatePath("/admin/envois");
}

export async function resendNotificationAction(id: string) {
  return runAsActor(async (actor) => {
    const result = await resendNotification(actor, String(id));
    revalidateLogs();
    return result;
  });
}

export async function resendFailedOfCallAction(callId: string, decisionsOnly = false) {
  return runAsActor(async (actor) => {
    const result = await resendFailedOfCall(actor, String(callId), {
      decisionsOnly: decisionsOnly === true,
    });
    revalidateLogs();
    return result;
  });
}

/** « Relancer » a document whose preparation failed for good (a decision letter, a convention). */
export async function retryDocumentJobAction(jobId: string) {
  return runAsActor(async (actor) => {
    const result = await retryDocumentJob(actor, String(jobId));
    revalidateLogs();
    return result;
  });
}
