import "server-only";
// The job that e-mails one notification. The row is locked while its e-mail is sent, so that two jobs of the
// same notification (a « renvoyer » while a retry runs) send it once; a crash before the commit leaves it
// waiting and the job is run again. The only case of a second e-mail is a crash in the instant between the
// server's acceptance and the commit: the Message-ID is then the same, so that mail servers can drop it.
import { db } from "@/lib/db";
import { mailEnv } from "@/lib/env";
import { describeMailError, isPermanentMailError, sendMail } from "@/lib/mail/transport";
import { DocumentGone, produceDocuments, type DocumentRef } from "@/lib/notifications/documents";
import { kindSpec } from "@/lib/notifications/kinds";

const NOT_KEPT = "(Contenu non conservé après l'envoi : il contenait un lien personnel à usage unique.)";

type Attempt = { attempt: number; maxAttempts: number };
type Outcome = { retry: false } | { retry: true; error: string };

/** Sends the notification's e-mail if it is still waiting; throws (so that the queue retries) on a transient failure. */
export async function deliverNotification(id: string, job: Attempt, now = () => new Date()): Promise<void> {
  const outcome = await db().$transaction(
    async (tx): Promise<Outcome> => {
      const [n] = await tx.$queryRaw<{ id: string; kind: string; email: string; subject: string; text: string; html: string | null; documents: DocumentRef[]; emailStatus: string; attempts: number }[]>`
        SELECT id, kind, email, subject, text, html, documents, "emailStatus", attempts FROM "Notification" WHERE id = ${id} FOR UPDATE`;
      if (!n) {
        console.warn(`Notification ${id} introuvable (supprimée depuis) : aucun e-mail envoyé, travail terminé.`);
        return { retry: false };
      }
      if (n.emailStatus !== "PENDING") return { retry: false }; // sent (or turned off) meanwhile
      const failed = (error: string, final: boolean) =>
        tx.notification.update({
          where: { id },
          data: { attempts: { increment: 1 }, lastError: error, lastAttemptAt: now(), ...(final ? { emailStatus: "FAILED" as const } : {}) },
        });
      try {
        const attachments = await produceDocuments(n.documents);
        await sendMail({ to: n.email, subject: n.subject, text: n.text, html: n.html ?? undefined, attachments, messageId: messageId(n.id) });
      } catch (error) {
        if (error instanceof DocumentGone) {
          console.error(`Notification ${id} (${n.kind}, ${n.email}) : ${error.message} ; e-mail abandonné.`);
          await failed(error.message, true);
          return { retry: false };
        }
        const reason = describeMailError(error);
        const final = isPermanentMailError(error) || job.attempt >= job.maxAttempts;
        await failed(reason, final);
        return final ? { retry: false } : { retry: true, error: reason };
      }
      const secret = kindSpec(n.kind)?.secret;
      await tx.notification.update({
        where: { id },
        data: { emailStatus: "SENT", sentAt: now(), attempts: { increment: 1 }, lastAttemptAt: now(), lastError: null, ...(secret ? { text: NOT_KEPT, html: null } : {}) },
      });
      return { retry: false };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  if (outcome.retry) throw new Error(`E-mail non envoyé (nouvel essai prévu) : ${outcome.error}`);
}

/** The same Message-ID for every attempt of a notification. */
function messageId(id: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailEnv().MAIL_FROM)?.[1] ?? "ami-ptce.example";
  return `<${id}@${domain}>`;
}
