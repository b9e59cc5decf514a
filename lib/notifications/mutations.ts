import "server-only";
// The writes of notifications: the e-mail delivery job, « renvoyer » and « relancer » of the delivery log, and a
// person's marks of read and e-mail preferences. (notify(), which writes a notification in the transaction of
// the change it follows from, is in lib/notifications/outbox.ts.)
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan, can } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";
import { mailEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { enqueue, MAX_ATTEMPTS } from "@/lib/jobs/queue";
import { describeMailError, isPermanentMailError, sendMail } from "@/lib/mail/transport";
import { ownNotifications, visibleCall } from "@/lib/notifications/data";
import { DocumentGone, type DocumentRef, produceDocuments } from "@/lib/notifications/documents";
import { emailPreferencesSchema } from "@/lib/notifications/inbox-schema";
import { notificationTarget } from "@/lib/notifications/inbox-text";
import { kindSpec, type NotificationKind } from "@/lib/notifications/kinds";
import {
  bulkWhere,
  DOCUMENT_JOBS_FROM,
  DOCUMENT_TASKS,
  type DocumentJobRow,
  documentScopeOf,
  isResendable,
  linkLost,
  SECRET_NOT_KEPT,
  scopeOf,
} from "@/lib/notifications/log";
import { enqueueDeliveries } from "@/lib/notifications/outbox";
import { parseInput } from "@/lib/validation";

// ───────────────────────────── The e-mail of a notification ─────────────────────────────
// The job that e-mails one notification: it claims the row (a short update), produces the attachments, sends,
// then records the outcome (a second short update). No transaction is held while the mail server answers.
// A second job of the same notification (« renvoyer » while a retry runs) finds it claimed and leaves it; a
// job whose worker died leaves a claim that the next attempt takes over once it is old. The one case of a
// second e-mail is a crash between the server's acceptance and the record: it then carries the same Message-ID.

/** A claim older than this belongs to a job that died (a delivery times out well before). */
const CLAIM_MINUTES = 5;
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
    const attachments = await produceDocuments(db(), n.documents);
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

// ───────────────────────────── The delivery log: « renvoyer », « relancer » ─────────────────────────────

/** Puts the e-mails back in the queue, now, keeping their attempts and last error as history. */
async function requeue(tx: Tx, ids: string[]): Promise<void> {
  await tx.notification.updateMany({
    where: { id: { in: ids } },
    data: { emailStatus: "PENDING" },
  });
  await enqueueDeliveries(tx, ids);
}

/**
 * « Renvoyer »: an e-mail not delivered, or « nouvel essai maintenant » for one waiting after a failure, goes
 * back to the queue at once (a fresh series of attempts). The row is locked first: an attempt running at that
 * moment finishes, and an e-mail sent meanwhile is not sent again. A one-time link is tried again only while it
 * waits (its text is scrubbed once it failed for good), and by an administrator.
 */
export async function resendNotification(actor: Actor, id: string) {
  assertCan(actor, "notification.resend");
  const scope = scopeOf(actor);
  return db().$transaction(async (tx) => {
    const [n] = await tx.$queryRaw<
      {
        id: string;
        kind: string;
        email: string;
        emailStatus: DeliveryStatus;
        attempts: number;
        lastError: string | null;
      }[]
    >`
      SELECT n.id, n.kind, n.email, n."emailStatus", n.attempts, n."lastError" FROM "Notification" n WHERE n.id = ${String(id)} AND ${scope} FOR UPDATE OF n`;
    if (!n) throw new AppError("NOT_FOUND");
    if (kindSpec(n.kind)?.secret && !can(actor, "notification.logAll")) {
      throw new AppError(
        "FORBIDDEN",
        "Ce message contient un lien personnel à usage unique : seul un administrateur peut le renvoyer.",
      );
    }
    if (linkLost(n)) throw new AppError("INVALID_STATE", SECRET_NOT_KEPT);
    if (!isResendable(n)) {
      throw new AppError(
        "INVALID_STATE",
        n.emailStatus === "SENT"
          ? "Ce message a déjà été envoyé : il n'est pas renvoyé."
          : n.emailStatus === "SKIPPED"
            ? "La personne a désactivé ce type de message par e-mail : il n'est pas renvoyé."
            : "Ce message est déjà en attente d'envoi.",
      );
    }
    await requeue(tx, [n.id]);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "notification.resend",
      entityType: "Notification",
      entityId: n.id,
      before: { emailStatus: n.emailStatus, attempts: n.attempts, lastError: n.lastError },
      after: { emailStatus: "PENDING" },
    });
    return { id: n.id, email: n.email };
  });
}

/** « Renvoyer les envois en échec » of a call (or only of its decisions): every e-mail not delivered, in one go (one audit event). */
export async function resendFailedOfCall(
  actor: Actor,
  callId: string,
  options: { decisionsOnly?: boolean } = {},
) {
  assertCan(actor, "notification.resend");
  const call = await visibleCall(actor, callId);
  const scope = scopeOf(actor);
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT n.id FROM "Notification" n ${bulkWhere(scope, call.id, options.decisionsOnly === true)} ORDER BY n.id FOR UPDATE OF n`;
    const ids = rows.map((r) => r.id);
    if (!ids.length)
      throw new AppError("INVALID_STATE", "Aucun envoi de cet appel n'est en échec.");
    await requeue(tx, ids);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "notification.resend",
      entityType: "Call",
      entityId: call.id,
      after: { emailStatus: "PENDING", count: ids.length, ids },
    });
    return { count: ids.length };
  });
}

/**
 * « Relancer »: the dead job is removed and queued again, with its payload and key, for a fresh series of
 * attempts, in one transaction. (Adding the same key is not enough: graphile-worker leaves a job that used its
 * attempts where it is, without its key, and adds a new one beside it.)
 */
export async function retryDocumentJob(actor: Actor, jobId: string) {
  assertCan(actor, "notification.resend");
  if (!/^\d{1,18}$/.test(String(jobId))) throw new AppError("NOT_FOUND");
  const id = BigInt(jobId);
  const scope = documentScopeOf(actor);
  return db().$transaction(async (tx) => {
    const [job] = await tx.$queryRaw<DocumentJobRow[]>`
      SELECT j.id::text AS "jobId", t.identifier AS task, j.payload, j.key, j.attempts::int AS attempts, j.max_attempts::int AS "maxAttempts", j.last_error AS "lastError",
        a.id AS "applicationId", a.reference, c.id AS "conventionId"
      ${DOCUMENT_JOBS_FROM}
      WHERE j.id = ${id} AND t.identifier = ANY(${Object.keys(DOCUMENT_TASKS)}) AND ${scope}
      FOR UPDATE OF j`;
    if (!job) throw new AppError("NOT_FOUND");
    if (job.attempts < job.maxAttempts)
      throw new AppError(
        "INVALID_STATE",
        "La préparation de ce document est déjà en cours (relancée entre-temps).",
      );
    const [entityType, entityId] =
      job.task === "convention.document"
        ? ["Convention", job.conventionId ?? String(job.payload.conventionId)]
        : ["Application", job.applicationId ?? String(job.payload.applicationId)];
    const removed = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id::text FROM graphile_worker.complete_jobs(ARRAY[${id}]::bigint[])`;
    if (!removed.length)
      throw new AppError(
        "CONFLICT",
        "Ce travail est en cours d'exécution : réessayez dans quelques instants.",
      );
    const key = job.key ?? `${job.task}:${entityId}`;
    if (job.task === "convention.document")
      await enqueue(tx, job.task, [{ payload: job.payload as { conventionId: string }, key }]);
    else
      await enqueue(tx, job.task, [
        {
          payload: job.payload as { applicationId: string; event: "publication" | "promotion" },
          key,
        },
      ]);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "job.retry",
      entityType,
      entityId,
      before: {
        task: job.task,
        key: job.key,
        payload: job.payload,
        attempts: job.attempts,
        lastError: job.lastError,
      },
      after: { task: job.task, key, attempts: 0, maxAttempts: MAX_ATTEMPTS },
    });
    return {
      task: job.task,
      taskLabel: DOCUMENT_TASKS[job.task],
      reference: job.reference ?? job.applicationId ?? "—",
    };
  });
}

// ───────────────────────────── A person's notifications ─────────────────────────────

/** Marks one of the actor's notifications read (kept as first read if it already was); returns its link. */
export async function markNotificationRead(
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<{ link: string | null }> {
  const row = await db().notification.findFirst({
    where: ownNotifications(actor, { id: String(id) }),
    select: { id: true, link: true, readAt: true },
  });
  if (!row) throw new AppError("NOT_FOUND");
  if (!row.readAt)
    await db().notification.updateMany({
      where: { id: row.id, readAt: null },
      data: { readAt: now },
    });
  return { link: row.link };
}

/** Opening a notification: marked read, then where it leads (a path of this site only, else the list). */
export async function openNotification(
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<string> {
  return notificationTarget((await markNotificationRead(actor, id, now)).link);
}

/** Marks every unread notification of the actor read; returns how many were. */
export async function markAllNotificationsRead(actor: Actor, now = new Date()): Promise<number> {
  return (
    await db().notification.updateMany({
      where: ownNotifications(actor, { readAt: null }),
      data: { readAt: now },
    })
  ).count;
}

/**
 * Records which optional kinds the actor no longer wants by e-mail (they stay in the list). A mandatory kind
 * is refused (VALIDATION): it carries a decision, a deadline or a legal step. Audited when it changes.
 */
export async function updateEmailPreferences(
  actor: Actor,
  input: unknown,
): Promise<{ optOuts: NotificationKind[] }> {
  const { optOuts } = parseInput(emailPreferencesSchema, input);
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: actor.id },
      select: { emailOptOuts: true },
    });
    const before = [...user.emailOptOuts].sort();
    if (before.length === optOuts.length && before.every((k, i) => k === optOuts[i])) return;
    await tx.user.update({ where: { id: actor.id }, data: { emailOptOuts: optOuts } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.emailPreferences",
      entityType: "User",
      entityId: actor.id,
      before: { emailOptOuts: before },
      after: { emailOptOuts: optOuts },
    });
  });
  return { optOuts };
}
