"use server";
import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/actions/run";
import type { EmailPreferencesInput } from "@/lib/notifications/inbox-schema";
import {
  markAllNotificationsRead,
  markNotificationRead,
  updateEmailPreferences,
} from "@/lib/notifications/mutations";

// The header's count is on every page: the whole layout is revalidated.
export async function markNotificationReadAction(id: string) {
  return runAsActor(async (actor) => {
    await markNotificationRead(actor, String(id));
    revalidatePath("/", "layout");
  });
}

export async function markAllNotificationsReadAction() {
  return runAsActor(async (actor) => {
    const count = await markAllNotificationsRead(actor);
    revalidatePath("/", "layout");
    return { count };
  });
}

export async function updateEmailPreferencesAction(values: EmailPreferencesInput) {
  return runAsActor(async (actor) => {
    const saved = await updateEmailPreferences(actor, values);
    revalidatePath("/mon-compte");
    return saved;
  });
}
