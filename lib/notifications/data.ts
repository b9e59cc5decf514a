import "server-only";
// The reads of notifications: the delivery log (lib/notifications/log.ts holds its vocabulary and scopes) and a
// person's own notification list and e-mail preferences.
//
// A person's notification list: the Notification rows written by notify() for their account, of the kinds
// shown in the product (IN_APP_KINDS: the account e-mails carry one-time links and stay out). Every read and
// write is scoped to the signed-in actor's own rows: another person's notification looks missing.
// Also the person's e-mail preferences (User.emailOptOuts), read by notify() when it writes a notification.
import { type Actor, assertCan, can } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { notificationSummary, notificationTitle } from "@/lib/notifications/inbox-text";
import {
  IN_APP_KINDS,
  kindSpec,
  type NotificationKind,
  OPTIONAL_KINDS,
  optionalKindsOf,
} from "@/lib/notifications/kinds";
import {
  bulkWhere,
  DECISION_KINDS,
  type DeliveryCounts,
  type DeliveryFilter,
  DOCUMENT_JOBS_FROM,
  DOCUMENT_TASKS,
  DOCUMENTS_SHOWN,
  type DocumentJobRow,
  type DocumentTask,
  documentScopeOf,
  type FailedDocument,
  isResendable,
  type LogRow,
  present,
  presentDocument,
  type ResendableCounts,
  scopeOf,
  whereOf,
} from "@/lib/notifications/log";
import { type PageRequest, paged, readPage } from "@/lib/pagination";

// ───────────────────────────── The delivery log ─────────────────────────────

/**
 * One page of the log, newest first, with the counts by state of the same search (all states). The text of
 * the messages is never read here: the one-time links of account e-mails stay out of every page.
 */
export async function searchDeliveries(
  actor: Actor,
  filter: DeliveryFilter,
  callId: string | null | undefined,
  page: PageRequest,
) {
  assertCan(actor, "notification.log");
  const scope = scopeOf(actor);
  const [items, byStatus] = await Promise.all([
    db().$queryRaw<LogRow[]>`
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
export async function visibleCall(actor: Actor, callId: string) {
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

// ───────────────────────────── A person's notifications ─────────────────────────────

/** The actor's own rows of the list (and nothing else), AND-ed into every query of this module. */
export const ownNotifications = (
  actor: Actor,
  where: Prisma.NotificationWhereInput = {},
): Prisma.NotificationWhereInput => ({
  AND: [{ userId: actor.id, kind: { in: IN_APP_KINDS } }, where],
});

export type InboxFilter = { unread: boolean };
export type InboxItem = {
  id: string;
  kind: string;
  title: string;
  summary: string;
  hasLink: boolean;
  createdAt: Date;
  readAt: Date | null;
};

/** One page of the actor's notifications, newest first; `unread` keeps only those not read yet. */
export async function listNotifications(actor: Actor, filter: InboxFilter, page: PageRequest) {
  const where = ownNotifications(actor, filter.unread ? { readAt: null } : {});
  return readPage(
    page,
    async (window): Promise<InboxItem[]> => {
      const rows = await db().notification.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...window,
        select: {
          id: true,
          kind: true,
          subject: true,
          text: true,
          link: true,
          createdAt: true,
          readAt: true,
        },
      });
      return rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        title: notificationTitle(n.subject),
        summary: notificationSummary(n.text),
        hasLink: Boolean(n.link),
        createdAt: n.createdAt,
        readAt: n.readAt,
      }));
    },
    () => db().notification.count({ where }),
  );
}

/** How many of the actor's notifications are unread (the header's count: one count on the [userId, createdAt] index). */
export async function unreadNotificationCount(actor: Actor): Promise<number> {
  return db().notification.count({ where: ownNotifications(actor, { readAt: null }) });
}

/**
 * The optional kinds the actor does not want by e-mail (kinds no longer optional are left out), and those the
 * form offers: the kinds of the actor's roles, with any kind already received or turned off.
 */
export async function emailPreferences(
  actor: Actor,
): Promise<{ optOuts: NotificationKind[]; offered: NotificationKind[] }> {
  const [user, received] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: actor.id }, select: { emailOptOuts: true } }),
    db().notification.findMany({
      where: { userId: actor.id, kind: { in: OPTIONAL_KINDS } },
      distinct: ["kind"],
      select: { kind: true },
    }),
  ]);
  const optOuts = OPTIONAL_KINDS.filter((k) => user.emailOptOuts.includes(k));
  const offered = new Set<string>([
    ...optionalKindsOf(actor.roles.map((g) => g.role)),
    ...received.map((n) => n.kind),
    ...optOuts,
  ]);
  return { optOuts: optOuts.sort(), offered: OPTIONAL_KINDS.filter((k) => offered.has(k)) };
}
