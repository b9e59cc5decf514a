import "server-only";
// The delivery log: every notification with its recipient and what became of its e-mail (waiting, handed to
// the mail server with its answer, failed with the server's last answer, turned off by the person, only written
// to the worker's log when no SMTP server is configured), for the national cell (the notifications of the calls
// it sees, except those about dossiers never submitted) and the administrators (all of them); « renvoyer » for
// one that was not delivered; and the documents whose preparation failed for good, with « relancer ».
import { z } from "zod";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan, can } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { enqueue, MAX_ATTEMPTS } from "@/lib/jobs/queue";
import { kindSpec, NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";
import { enqueueDeliveries } from "@/lib/notifications/outbox";
import { paged } from "@/lib/pagination";

/** The notifications of a decision: the publication's, and a promotion's from the reserve list. */
export const DECISION_KINDS = [
  "decision.published",
  "decision.promotion",
] as const satisfies NotificationKind[];

/** The kinds that carry a one-time link (account e-mails): their text is scrubbed once sent or failed for good. */
const SECRET_KINDS = (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).filter(
  (k) => kindSpec(k)?.secret,
);

/** The states of the filter: those of the row, and « nouvel essai prévu » (waiting, after a failed attempt). */
export const DELIVERY_STATES = [
  "PENDING",
  "RETRYING",
  "SENT",
  "FAILED",
  "LOGGED",
  "SKIPPED",
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export const DELIVERY_STATE_LABELS: Record<DeliveryState, string> = {
  PENDING: "En attente",
  RETRYING: "Nouvel essai prévu",
  SENT: "Envoyé",
  FAILED: "En échec",
  LOGGED: "Écrit dans le journal (aucun serveur SMTP configuré)",
  SKIPPED: "Non envoyé par e-mail (désactivé par la personne)",
};

/** `type=decision`: both kinds of a decision at once (the link of the decision page). */
export const DECISION_TYPE = "decision";

/** The refusal to resend a one-time link that is no longer kept. */
export const SECRET_NOT_KEPT =
  "Ce message contenait un lien personnel à usage unique, qui n'est pas conservé : invitez de nouveau la personne (administration des utilisateurs) ou invitez-la à utiliser « Mot de passe oublié ».";

const text = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => v || undefined)
  .catch(undefined);

/** The search form of the log (GET parameters), read leniently: a bad value is ignored. */
export const deliveryFilterSchema = z.object({
  q: text,
  etat: z.enum(DELIVERY_STATES).optional().catch(undefined),
  type: z
    .string()
    .max(80)
    .refine((v) => v === DECISION_TYPE || kindSpec(v) !== undefined)
    .optional()
    .catch(undefined),
  appel: z.string().max(100).optional().catch(undefined),
});
export type DeliveryFilter = z.output<typeof deliveryFilterSchema>;

/** The kinds the type filter offers: those of no call (accounts) only to the administrators. */
export function kindOptions(actor: Actor): [string, string][] {
  const all = can(actor, "notification.logAll");
  return [
    [DECISION_TYPE, "Décisions (publication et promotion)"],
    ...(Object.entries(NOTIFICATION_KINDS) as [NotificationKind, { label: string }][])
      .filter(([kind]) => all || !kind.startsWith("account."))
      .map(([kind, spec]) => [kind, spec.label] as [string, string]),
  ];
}

/**
 * What the national cell reads, as a condition on `n` ("Notification"): the notifications of every call past
 * its draft (as its pages show them, lib/calls/data.ts listPublicCalls), except those about a dossier that was
 * never submitted (a draft's deposit reminders, its invitations to co-editors). Notification has no relation to
 * Application, hence SQL: the same condition wherever the cell reads or resends.
 */
const NATIONAL_SCOPE = Prisma.sql`n."callId" IN (SELECT id FROM "Call" WHERE phase <> 'DRAFT')
  AND (n."applicationId" IS NULL OR EXISTS (SELECT 1 FROM "Application" a WHERE a.id = n."applicationId" AND a."submittedAt" IS NOT NULL))`;

/** The scope of the actor's reads, as a condition (true for the administrators, who read everything). */
const scopeOf = (actor: Actor): Prisma.Sql =>
  can(actor, "notification.logAll") ? Prisma.sql`TRUE` : NATIONAL_SCOPE;

/** `%`, `_` and `\` of a search taken literally in ILIKE. */
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function stateSql(state: DeliveryState): Prisma.Sql {
  if (state === "RETRYING") return Prisma.sql`n."emailStatus" = 'PENDING' AND n.attempts > 0`;
  return Prisma.sql`n."emailStatus" = ${state}::"DeliveryStatus"`;
}

/** `callId`: a call's notifications; null: those of no call; undefined: any. */
function whereOf(
  scope: Prisma.Sql,
  filter: DeliveryFilter,
  callId: string | null | undefined,
  withState: boolean,
): Prisma.Sql {
  const conditions = [
    scope,
    ...(callId === null
      ? [Prisma.sql`n."callId" IS NULL`]
      : callId
        ? [Prisma.sql`n."callId" = ${callId}`]
        : []),
    ...(filter.q
      ? [Prisma.sql`(n.email ILIKE ${likeOf(filter.q)} OR n.subject ILIKE ${likeOf(filter.q)})`]
      : []),
    ...(filter.type === DECISION_TYPE
      ? [Prisma.sql`n.kind = ANY(${[...DECISION_KINDS]})`]
      : filter.type
        ? [Prisma.sql`n.kind = ${filter.type}`]
        : []),
    ...(withState && filter.etat ? [stateSql(filter.etat)] : []),
  ];
  return Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
}

type Row = {
  id: string;
  kind: string;
  email: string;
  subject: string;
  emailStatus: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  smtpResponse: string | null;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
  callId: string | null;
  applicationId: string | null;
};

/** Whether « renvoyer » applies: an e-mail not delivered (failed, or only written to the log), or one waiting for its next attempt after a failure. */
export const isResendable = (n: { emailStatus: DeliveryStatus; attempts: number }) =>
  n.emailStatus === "FAILED" ||
  n.emailStatus === "LOGGED" ||
  (n.emailStatus === "PENDING" && n.attempts > 0);

/** A one-time link no longer kept: a secret kind that will not be tried again (its text is scrubbed). */
const linkLost = (n: { kind: string; emailStatus: DeliveryStatus }) =>
  kindSpec(n.kind)?.secret === true && (n.emailStatus === "FAILED" || n.emailStatus === "LOGGED");

function present(actor: Actor, n: Row) {
  const spec = kindSpec(n.kind);
  const secret = spec?.secret === true;
  return {
    ...n,
    kindLabel: spec?.label ?? n.kind,
    secret,
    retrying: n.emailStatus === "PENDING" && n.attempts > 0,
    linkLost: linkLost(n),
    // A one-time link: only « nouvel essai maintenant » while its text is kept, by an administrator.
    canResend:
      isResendable(n) &&
      (!secret || (n.emailStatus === "PENDING" && can(actor, "notification.logAll"))) &&
      can(actor, "notification.resend"),
  };
}
export type DeliveryRow = ReturnType<typeof present>;

export type DeliveryCounts = {
  total: number;
  pending: number;
  retrying: number;
  sent: number;
  failed: number;
  logged: number;
  skipped: number;
};

/**
 * One page of the log, newest first, with the counts by state of the same search (all states). The text of
 * the messages is never read here: the one-time links of account e-mails stay out of every page.
 */
export async function searchDeliveries(
  actor: Actor,
  filter: DeliveryFilter,
  callId: string | null | undefined,
  page: { page: number; size: number; skip: number },
) {
  assertCan(actor, "notification.log");
  const scope = scopeOf(actor);
  const [items, byStatus] = await Promise.all([
    db().$queryRaw<Row[]>`
      SELECT n.id, n.kind, n.email, n.subject, n."emailStatus", n.attempts, n."lastError", n."smtpResponse", n."lastAttemptAt", n."sentAt", n."createdAt",
        n."callId", n."applicationId"
      FROM "Notification" n ${whereOf(scope, filter, callId, true)}
      ORDER BY n."createdAt" DESC, n.id DESC
      LIMIT ${page.size} OFFSET ${page.skip}`,
    db().$queryRaw<{ status: DeliveryStatus; count: number; retrying: number }[]>`
      SELECT n."emailStatus" AS status, count(*)::int AS count, (count(*) FILTER (WHERE n.attempts > 0))::int AS retrying
      FROM "Notification" n ${whereOf(scope, filter, callId, false)}
      GROUP BY n."emailStatus"`,
  ]);
  const of = (s: DeliveryStatus) => byStatus.find((g) => g.status === s)?.count ?? 0;
  const counts: DeliveryCounts = {
    total: byStatus.reduce((sum, g) => sum + g.count, 0),
    pending: of("PENDING"),
    retrying: byStatus.find((g) => g.status === "PENDING")?.retrying ?? 0,
    sent: of("SENT"),
    failed: of("FAILED"),
    logged: of("LOGGED"),
    skipped: of("SKIPPED"),
  };
  // The search's total is one of its counts: no second count of the same rows.
  const total = !filter.etat
    ? counts.total
    : filter.etat === "RETRYING"
      ? counts.retrying
      : of(filter.etat);
  return {
    list: paged(
      items.map((n) => present(actor, n)),
      total,
      page.page,
      page.size,
    ),
    counts,
  };
}

/** A call the actor reads the notifications of, or NOT_FOUND. */
async function visibleCall(actor: Actor, callId: string) {
  const call = await db().call.findUnique({
    where: { id: String(callId) },
    select: { id: true, slug: true, phase: true },
  });
  if (!call || (call.phase === "DRAFT" && !can(actor, "notification.logAll")))
    throw new AppError("NOT_FOUND");
  return call;
}

type DecisionState = "sent" | "pending" | "failed" | "logged";

/**
 * How the decisions of a published call reached their applicants (the decision page): a dossier is notified
 * when every recipient's e-mail of its decision (and of its promotion, if any) was handed to the mail server
 * (or turned off by the person); failed when one is in failure, or when its letter could not be prepared;
 * written to the log only when one e-mail was only written to the worker's log (no SMTP server: not sent);
 * waiting otherwise (its letter not yet written counts as waiting). The e-mails not delivered are listed, with
 * those that wait for a new attempt after a failure.
 */
export async function decisionDeliverySummary(actor: Actor, callId: string) {
  assertCan(actor, "notification.log");
  const call = await visibleCall(actor, callId);
  const [decisions, notifications, letters] = await Promise.all([
    db().decision.findMany({
      where: { callId: call.id, publishedAt: { not: null } },
      select: { applicationId: true, application: { select: { reference: true } } },
    }),
    db().notification.findMany({
      where: { callId: call.id, kind: { in: [...DECISION_KINDS] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        kind: true,
        email: true,
        applicationId: true,
        emailStatus: true,
        attempts: true,
        lastError: true,
        lastAttemptAt: true,
      },
    }),
    failedDocumentRows(Prisma.sql`TRUE`, { callId: call.id, task: "decision.letter" }),
  ]);
  const stateOf = (s: DeliveryStatus): DecisionState =>
    s === "SENT" || s === "SKIPPED"
      ? "sent"
      : s === "FAILED"
        ? "failed"
        : s === "LOGGED"
          ? "logged"
          : "pending";
  const byDossier = new Map<string, DecisionState[]>();
  for (const n of notifications)
    if (n.applicationId)
      byDossier.set(n.applicationId, [
        ...(byDossier.get(n.applicationId) ?? []),
        stateOf(n.emailStatus),
      ]);
  const lettersFailed = new Set(letters.map((l) => l.applicationId));
  const dossiers = { total: decisions.length, sent: 0, pending: 0, failed: 0, logged: 0 };
  for (const d of decisions) {
    const states = byDossier.get(d.applicationId) ?? [];
    if (states.includes("failed") || lettersFailed.has(d.applicationId)) dossiers.failed += 1;
    else if (states.includes("logged")) dossiers.logged += 1;
    else if (states.length && states.every((s) => s === "sent")) dossiers.sent += 1;
    else dossiers.pending += 1;
  }
  const recipients = { total: notifications.length, sent: 0, pending: 0, failed: 0, logged: 0 };
  for (const n of notifications) recipients[stateOf(n.emailStatus)] += 1;
  const references = new Map(
    decisions.map((d) => [d.applicationId, d.application.reference ?? d.applicationId]),
  );
  const order: Record<DeliveryStatus, number> = {
    FAILED: 0,
    LOGGED: 1,
    PENDING: 2,
    SENT: 3,
    SKIPPED: 3,
  };
  const failures = notifications
    .filter((n) => isResendable(n))
    .map((n) => ({
      id: n.id,
      kindLabel: kindSpec(n.kind)?.label ?? n.kind,
      reference: n.applicationId ? (references.get(n.applicationId) ?? n.applicationId) : "—",
      applicationId: n.applicationId,
      email: n.email,
      emailStatus: n.emailStatus,
      retrying: n.emailStatus === "PENDING",
      attempts: n.attempts,
      lastError: n.lastError,
      lastAttemptAt: n.lastAttemptAt,
    }))
    .sort(
      (a, b) =>
        order[a.emailStatus] - order[b.emailStatus] || a.reference.localeCompare(b.reference, "fr"),
    );
  return {
    dossiers,
    recipients,
    failures,
    letterFailures: lettersFailed.size,
    callSlug: call.slug,
  };
}
export type DecisionDeliverySummary = Awaited<ReturnType<typeof decisionDeliverySummary>>;

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

/** The e-mails of a call that « renvoyer les envois en échec » takes: failed or only logged, within the actor's scope, one-time links excepted. */
function bulkWhere(scope: Prisma.Sql, callId: string, decisionsOnly: boolean): Prisma.Sql {
  return Prisma.sql`WHERE n."callId" = ${callId} AND n."emailStatus" IN ('FAILED', 'LOGGED') AND NOT (n.kind = ANY(${SECRET_KINDS}))
    ${decisionsOnly ? Prisma.sql`AND n.kind = ANY(${[...DECISION_KINDS]})` : Prisma.empty} AND ${scope}`;
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

export type ResendableCounts = { failed: number; logged: number };

/** How many e-mails of a call are not delivered (failed, only logged) that the actor may resend: the bulk button's counts. */
export async function countFailedOfCall(
  actor: Actor,
  callId: string,
  options: { decisionsOnly?: boolean } = {},
): Promise<ResendableCounts> {
  assertCan(actor, "notification.log");
  const rows = await db().$queryRaw<{ status: DeliveryStatus; count: number }[]>`
    SELECT n."emailStatus" AS status, count(*)::int AS count FROM "Notification" n ${bulkWhere(scopeOf(actor), String(callId), options.decisionsOnly === true)}
    GROUP BY n."emailStatus"`;
  const of = (s: DeliveryStatus) => rows.find((r) => r.status === s)?.count ?? 0;
  return { failed: of("FAILED"), logged: of("LOGGED") };
}

// ───────────────────────────── Documents whose preparation failed for good ─────────────────────────────

/** The jobs that produce a document promised to a person (a decision letter, a convention), and their labels. */
export const DOCUMENT_TASKS = {
  "decision.letter": "Lettre de décision",
  "convention.document": "Convention",
} as const;
export type DocumentTask = keyof typeof DOCUMENT_TASKS;

/** How many failed documents a page lists at most (the count says how many there are). */
const DOCUMENTS_SHOWN = 100;

type DocumentJobRow = {
  jobId: string;
  task: DocumentTask;
  payload: Record<string, unknown>;
  key: string | null;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  applicationId: string | null;
  reference: string | null;
  callId: string | null;
  conventionId: string | null;
  conventionNumber: string | null;
  total: number;
};

/** The dossier of a document job: its payload's dossier, or the dossier of its payload's convention. */
const DOCUMENT_JOBS_FROM = Prisma.sql`FROM graphile_worker._private_jobs j
  JOIN graphile_worker._private_tasks t ON t.id = j.task_id
  LEFT JOIN "Convention" c ON t.identifier = 'convention.document' AND c.id = j.payload->>'conventionId'
  LEFT JOIN "Application" a ON a.id = (CASE WHEN t.identifier = 'convention.document' THEN c."applicationId" ELSE j.payload->>'applicationId' END)`;

/** The national cell's document jobs: those of the calls it sees. */
const NATIONAL_DOCUMENT_SCOPE = Prisma.sql`a."callId" IN (SELECT id FROM "Call" WHERE phase <> 'DRAFT') AND a."submittedAt" IS NOT NULL`;
const documentScopeOf = (actor: Actor): Prisma.Sql =>
  can(actor, "notification.logAll") ? Prisma.sql`TRUE` : NATIONAL_DOCUMENT_SCOPE;

/**
 * The document jobs that used all their attempts: graphile-worker keeps them, dead, in its table; nothing runs
 * them again until « relancer ». `callId` null: those whose dossier is gone.
 */
async function failedDocumentRows(
  scope: Prisma.Sql,
  where: { callId?: string | null; conventionId?: string; task?: DocumentTask },
) {
  const conditions = [
    Prisma.sql`t.identifier = ANY(${where.task ? [where.task] : Object.keys(DOCUMENT_TASKS)})`,
    Prisma.sql`j.attempts >= j.max_attempts`,
    scope,
    ...(where.callId === null
      ? [Prisma.sql`a."callId" IS NULL`]
      : where.callId
        ? [Prisma.sql`a."callId" = ${where.callId}`]
        : []),
    ...(where.conventionId ? [Prisma.sql`c.id = ${where.conventionId}`] : []),
  ];
  return db().$queryRaw<DocumentJobRow[]>`
    SELECT j.id::text AS "jobId", t.identifier AS task, j.payload, j.key, j.attempts::int AS attempts, j.max_attempts::int AS "maxAttempts", j.last_error AS "lastError",
      j.created_at AS "createdAt", j.updated_at AS "updatedAt", a.id AS "applicationId", a.reference, a."callId", c.id AS "conventionId", c.number AS "conventionNumber",
      (count(*) OVER ())::int AS total
    ${DOCUMENT_JOBS_FROM}
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY j.updated_at DESC, j.id DESC
    LIMIT ${DOCUMENTS_SHOWN}`;
}

function presentDocument(actor: Actor, j: DocumentJobRow) {
  return {
    jobId: j.jobId,
    task: j.task,
    taskLabel: DOCUMENT_TASKS[j.task],
    applicationId: j.applicationId,
    reference: j.reference ?? j.applicationId ?? "—",
    conventionId: j.conventionId,
    conventionNumber: j.conventionNumber,
    attempts: j.attempts,
    lastError: j.lastError,
    createdAt: j.createdAt,
    failedAt: j.updatedAt,
    canRetry: can(actor, "notification.resend"),
  };
}
export type FailedDocument = ReturnType<typeof presentDocument>;

/** « Documents en échec » of the log: of a call (or of none, or of every call for an administrator), newest failure first. */
export async function failedDocuments(
  actor: Actor,
  callId: string | null | undefined,
): Promise<{ items: FailedDocument[]; total: number }> {
  assertCan(actor, "notification.log");
  const rows = await failedDocumentRows(documentScopeOf(actor), { callId });
  return { items: rows.map((j) => presentDocument(actor, j)), total: rows[0]?.total ?? 0 };
}

/** The convention's document job, when it failed for good (the convention page says so instead of « en cours de préparation »). */
export async function conventionDocumentFailure(
  actor: Actor,
  conventionId: string,
): Promise<FailedDocument | null> {
  assertCan(actor, "notification.log");
  const [row] = await failedDocumentRows(documentScopeOf(actor), {
    conventionId: String(conventionId),
    task: "convention.document",
  });
  return row ? presentDocument(actor, row) : null;
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
