import "server-only";
// Who a reminder goes to, and how a batch of reminders is written (notifications, hence once per event and person).
import { db } from "@/lib/db";
import { type NotificationInput, notify } from "@/lib/notifications/outbox";

/** The applicant side of a dossier, as selected for a reminder: its owner and the co-editors who accepted. */
export const APPLICANT_SIDE = {
  owner: { select: { email: true, active: true } },
  collaborators: {
    where: { acceptedAt: { not: null }, user: { active: true } },
    select: { email: true },
  },
} as const;

type ApplicantSide = {
  owner: { email: string; active: boolean };
  collaborators: { email: string }[];
};

/** The owner (when their account is active) first, then the co-editors. */
export function applicantSide(a: ApplicantSide): { email: string; owner: boolean }[] {
  return [
    ...(a.owner.active ? [{ email: a.owner.email, owner: true }] : []),
    ...a.collaborators.map((c) => ({ email: c.email, owner: false })),
  ];
}

const BATCH = 500;

/** Writes the notifications in short transactions; returns how many were new (the others were already there). */
export async function notifyAll(inputs: NotificationInput[]): Promise<{ notified: number }> {
  let notified = 0;
  for (let i = 0; i < inputs.length; i += BATCH) {
    const batch = inputs.slice(i, i + BATCH);
    notified += await db().$transaction((tx) => notify(tx, batch));
  }
  return { notified };
}
