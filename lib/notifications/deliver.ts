import "server-only";
// The job that e-mails one notification: it claims the row (a short update), produces the attachments, sends,
// then records the outcome (a second short update). No transaction is held while the mail server answers.
// A second job of the same notification (« renvoyer » while a retry runs) finds it claimed and leaves it; a
// job whose worker died leaves a claim that the next attempt takes over once it is old. The one case of a
// second e-mail is a crash between the server's acceptance and the record: it then carries the same Message-ID.
import { db } from "@/lib/db";
import { mailEnv } from "@/lib/env";
import { describeMailError, isPermanentMailError, sendMail } from "@/lib/mail/transport";
import { DocumentGone, type DocumentRef, produceDocuments } from "@/lib/notifications/documents";
import { kindSpec } from "@/lib/notifications/kinds";

/** A claim older than this belongs to a job that died (a delivery times out well before). */
export const CLAIM_MINUTES = 5;
const NOT_KEPT = "(Contenu non conservé : il contenait un lien personnel à usage unique.)";

type Attempt = { jobId: string; attempt: number; maxAttempts: number };
type Claimed = {
  id: string;
  kind: string;
  email: string;
  subject: string;
  text: string;
  html: string | null;
  documents: DocumentRef[];
};

/** Sends the notification's e-mail if it is still waiting; throws (so that the queue retries) on a transient failure. */
export async function deliverNotification(
  id: string,
  job: Attempt,
  now = () => new Date(),
): Promise<void> {
  const n = await claim(id, job.jobId, now());
  if (!n) return;
  const secret = Boolean(kindSpec(n.kind)?.secret);
  let response: string | null;
  try {
    const attachments = await produceDocuments(n.documents);
    response = (
      await sendMail({
        to: n.email,
        subject: n.subject,
        text: n.text,
        html: n.html ?? undefined,
        attachments,
        messageId: messageId(n.id),
      })
    ).response;
  } catch (error) {
    const gone = error instanceof DocumentGone;
    const final = gone || isPermanentMailError(error) || job.attempt >= job.maxAttempts;
    const reason = gone ? error.message : describeMailError(error);
    if (gone)
      console.error(`Notification ${id} (${n.kind}, ${n.email}) : ${reason} ; e-mail abandonné.`);
    await record(id, now(), {
      lastError: reason,
      ...(final
        ? { emailStatus: "FAILED" as const, ...(secret ? { text: NOT_KEPT, html: null } : {}) }
        : {}),
    });
    if (!final) throw new Error(`E-mail non envoyé (nouvel essai prévu) : ${reason}`);
    return;
  }
  // Without an SMTP server (development, demo) the e-mail was only written to the log: not sent, and said so.
  await record(id, now(), {
    emailStatus: response === null ? "LOGGED" : "SENT",
    sentAt: response === null ? null : now(),
    smtpResponse: response,
    lastError: null,
    ...(secret ? { text: NOT_KEPT, html: null } : {}),
  });
}

/** Takes the notification for this job if it waits and no other job (alive) is sending it; null otherwise. */
async function claim(id: string, jobId: string, at: Date): Promise<Claimed | null> {
  const stale = new Date(at.getTime() - CLAIM_MINUTES * 60_000);
  const [n] = await db().$queryRaw<Claimed[]>`
    UPDATE "Notification" SET "claimedAt" = ${at}, "claimedBy" = ${jobId}
    WHERE id = ${id} AND "emailStatus" = 'PENDING' AND ("claimedAt" IS NULL OR "claimedBy" = ${jobId} OR "claimedAt" < ${stale})
    RETURNING id, kind, email, subject, text, html, documents`;
  if (!n && !(await db().notification.count({ where: { id } }))) {
    console.warn(
      `Notification ${id} introuvable (supprimée depuis) : aucun e-mail envoyé, travail terminé.`,
    );
  }
  return n ?? null; // sent, turned off, or being sent by another job
}

async function record(
  id: string,
  at: Date,
  data: Parameters<ReturnType<typeof db>["notification"]["update"]>[0]["data"],
) {
  await db().notification.updateMany({
    where: { id, emailStatus: "PENDING" },
    data: {
      ...data,
      attempts: { increment: 1 },
      lastAttemptAt: at,
      claimedAt: null,
      claimedBy: null,
    },
  });
}

/** The same Message-ID for every attempt of a notification. */
function messageId(id: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailEnv().MAIL_FROM)?.[1] ?? "ami-ptce.example";
  return `<${id}@${domain}>`;
}
