import "server-only";
// The outbox: what the product tells a person is written, in the transaction of the change it follows
// from, as a Notification row (unique per event and recipient) and a job that e-mails it. A retry, a crash
// or a second run of the same command finds the row already there and tells no one twice.
import type { Tx } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { enqueue } from "@/lib/jobs/queue";
import type { Mail } from "@/lib/mail/transport";
import type { DocumentRef } from "@/lib/notifications/documents";
import { kindSpec, type NotificationKind } from "@/lib/notifications/kinds";

export type NotificationInput = {
  kind: NotificationKind;
  /** The event, e.g. `decision.published:<applicationId>`: with the recipient, the notification's identity. */
  event: string;
  mail: Omit<Mail, "attachments">;
  /** Where the notification leads in the product (an absolute link of the e-mail, or a path). */
  link?: string;
  documents?: DocumentRef[];
  callId?: string | null;
  applicationId?: string | null;
};

export const notificationKey = (event: string, email: string) =>
  `${event}|${email.trim().toLowerCase()}`;

/** Writes the notifications that are not there yet, and their e-mails' jobs; returns how many were new. */
export async function notify(tx: Tx, inputs: NotificationInput[]): Promise<number> {
  if (!inputs.length) return 0;
  const emails = [...new Set(inputs.map((n) => n.mail.to.trim().toLowerCase()))];
  const users = new Map(
    (
      await tx.user.findMany({
        where: { email: { in: emails } },
        select: { id: true, email: true, emailOptOuts: true },
      })
    ).map((u) => [u.email, u]),
  );
  const rows = inputs.map((n) => {
    const email = n.mail.to.trim().toLowerCase();
    const user = users.get(email);
    const spec = kindSpec(n.kind)!;
    const optedOut = !spec.mandatory && user?.emailOptOuts.includes(n.kind);
    return {
      key: notificationKey(n.event, email),
      kind: n.kind,
      userId: user?.id ?? null,
      email,
      subject: n.mail.subject,
      text: n.mail.text,
      html: n.mail.html ?? null,
      link: n.link ? inAppPath(n.link) : null,
      documents: n.documents ?? [],
      callId: n.callId ?? null,
      applicationId: n.applicationId ?? null,
      emailStatus: optedOut ? ("SKIPPED" as const) : ("PENDING" as const),
    };
  });
  const created = await tx.notification.createManyAndReturn({
    data: rows,
    skipDuplicates: true,
    select: { id: true, emailStatus: true },
  });
  await enqueueDeliveries(
    tx,
    created.filter((n) => n.emailStatus === "PENDING").map((n) => n.id),
  );
  return created.length;
}

/** The e-mail jobs of these notifications (one waiting job per notification at most). */
export async function enqueueDeliveries(tx: Tx, ids: string[]): Promise<void> {
  await enqueue(
    tx,
    "notification.deliver",
    ids.map((id) => ({ payload: { id }, key: `notification:${id}` })),
  );
}

/** A link of the product as a path from its root (the e-mails carry the public address in front). */
function inAppPath(link: string): string {
  const base = appUrl();
  return link.startsWith(base) ? link.slice(base.length) || "/" : link;
}
