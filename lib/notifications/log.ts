import "server-only";
// The delivery log: every notification with its recipient and what became of its e-mail (waiting, sent,
// failed with the server's answer, turned off by the person), for the national cell (the notifications of
// the calls it sees) and the administrators (all of them); and « renvoyer » for one that failed.
import { z } from "zod";
import { assertCan, can, type Actor } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/log";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { kindSpec, NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";
import { enqueueDeliveries } from "@/lib/notifications/outbox";
import { paged } from "@/lib/pagination";

/** The notifications of a decision: the publication's, and a promotion's from the reserve list. */
export const DECISION_KINDS = ["decision.published", "decision.promotion"] as const satisfies NotificationKind[];

/** The states of the filter: those of the row, and « nouvel essai prévu » (waiting, after a failed attempt). */
export const DELIVERY_STATES = ["PENDING", "RETRYING", "SENT", "FAILED", "SKIPPED"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export const DELIVERY_STATE_LABELS: Record<DeliveryState, string> = {
  PENDING: "En attente",
  RETRYING: "Nouvel essai prévu",
  SENT: "Envoyé",
  FAILED: "En échec",
  SKIPPED: "Non envoyé par e-mail (désactivé par la personne)",
};

/** `type=decision`: both kinds of a decision at once (the link of the decision page). */
export const DECISION_TYPE = "decision";

const text = z.string().trim().max(200).optional().transform((v) => v || undefined).catch(undefined);

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

/** The calls whose notifications the actor reads: null for every notification (administrators). */
async function scopeOf(actor: Actor): Promise<string[] | null> {
  if (can(actor, "notification.logAll")) return null;
  // The national cell sees every call past its draft (as its pages do, lib/calls/data.ts listPublicCalls).
  return (await db().call.findMany({ where: { phase: { not: "DRAFT" } }, select: { id: true } })).map((c) => c.id);
}

function stateWhere(state: DeliveryState): Prisma.NotificationWhereInput {
  if (state === "RETRYING") return { emailStatus: "PENDING", attempts: { gt: 0 } };
  return { emailStatus: state };
}

/** `callId`: a call's notifications; null: those of no call; undefined: any. */
function whereOf(scope: string[] | null, filter: DeliveryFilter, callId: string | null | undefined, withState: boolean): Prisma.NotificationWhereInput {
  return {
    AND: [
      scope ? { callId: { in: scope } } : {},
      callId === null ? { callId: null } : callId ? { callId } : {},
      filter.q ? { OR: [{ email: { contains: filter.q, mode: "insensitive" } }, { subject: { contains: filter.q, mode: "insensitive" } }] } : {},
      filter.type === DECISION_TYPE ? { kind: { in: [...DECISION_KINDS] } } : filter.type ? { kind: filter.type } : {},
      withState && filter.etat ? stateWhere(filter.etat) : {},
    ],
  };
}

const ROW_SELECT = {
  id: true,
  kind: true,
  email: true,
  subject: true,
  emailStatus: true,
  attempts: true,
  lastError: true,
  lastAttemptAt: true,
  sentAt: true,
  createdAt: true,
  callId: true,
  applicationId: true,
} satisfies Prisma.NotificationSelect;

type Row = Prisma.NotificationGetPayload<{ select: typeof ROW_SELECT }>;

/** Whether « renvoyer » applies: a failed e-mail, or one waiting for its next attempt after a failure. */
export const isResendable = (n: { emailStatus: DeliveryStatus; attempts: number }) => n.emailStatus === "FAILED" || (n.emailStatus === "PENDING" && n.attempts > 0);

function present(actor: Actor, n: Row) {
  const spec = kindSpec(n.kind);
  const secret = spec?.secret === true;
  return {
    ...n,
    kindLabel: spec?.label ?? n.kind,
    secret,
    retrying: n.emailStatus === "PENDING" && n.attempts > 0,
    // A one-time link (account kinds) is resent by an administrator only.
    canResend: isResendable(n) && (!secret || can(actor, "notification.logAll")) && can(actor, "notification.resend"),
  };
}
export type DeliveryRow = ReturnType<typeof present>;

export type DeliveryCounts = { total: number; pending: number; retrying: number; sent: number; failed: number; skipped: number };

/**
 * One page of the log, newest first, with the counts by state of the same search (all states). The text of
 * the messages is never read here: the one-time links of account e-mails stay out of every page.
 */
export async function searchDeliveries(actor: Actor, filter: DeliveryFilter, callId: string | null | undefined, page: { page: number; size: number; skip: number }) {
  assertCan(actor, "notification.log");
  const scope = await scopeOf(actor);
  const where = whereOf(scope, filter, callId, true);
  const all = whereOf(scope, filter, callId, false);
  const [items, total, byStatus, retrying] = await Promise.all([
    db().notification.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: page.skip, take: page.size, select: ROW_SELECT }),
    db().notification.count({ where }),
    db().notification.groupBy({ by: ["emailStatus"], where: all, _count: { _all: true } }),
    db().notification.count({ where: { AND: [all, stateWhere("RETRYING")] } }),
  ]);
  const of = (s: DeliveryStatus) => byStatus.find((g) => g.emailStatus === s)?._count._all ?? 0;
  const counts: DeliveryCounts = {
    total: byStatus.reduce((sum, g) => sum + g._count._all, 0),
    pending: of("PENDING"),
    retrying,
    sent: of("SENT"),
    failed: of("FAILED"),
    skipped: of("SKIPPED"),
  };
  return { list: paged(items.map((n) => present(actor, n)), total, page.page, page.size), counts };
}

/** A call the actor reads the notifications of, or NOT_FOUND. */
async function visibleCall(actor: Actor, callId: string) {
  const call = await db().call.findUnique({ where: { id: String(callId) }, select: { id: true, slug: true, phase: true } });
  if (!call || (call.phase === "DRAFT" && !can(actor, "notification.logAll"))) throw new AppError("NOT_FOUND");
  return call;
}

type DecisionState = "sent" | "pending" | "failed";

/**
 * How the decisions of a published call reached their applicants (the decision page): a dossier is notified
 * when every recipient's e-mail of its decision (and of its promotion, if any) has left; failed when one is in
 * failure; waiting otherwise (its letter not yet written counts as waiting). The failures are listed, with those
 * that wait for a new attempt after a failure.
 */
export async function decisionDeliverySummary(actor: Actor, callId: string) {
  assertCan(actor, "notification.log");
  const call = await visibleCall(actor, callId);
  const [decisions, notifications] = await Promise.all([
    db().decision.findMany({ where: { callId: call.id, publishedAt: { not: null } }, select: { applicationId: true, application: { select: { reference: true } } } }),
    db().notification.findMany({
      where: { callId: call.id, kind: { in: [...DECISION_KINDS] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, kind: true, email: true, applicationId: true, emailStatus: true, attempts: true, lastError: true, lastAttemptAt: true },
    }),
  ]);
  const stateOf = (s: DeliveryStatus): DecisionState => (s === "SENT" || s === "SKIPPED" ? "sent" : s === "FAILED" ? "failed" : "pending");
  const byDossier = new Map<string, DecisionState[]>();
  for (const n of notifications) if (n.applicationId) byDossier.set(n.applicationId, [...(byDossier.get(n.applicationId) ?? []), stateOf(n.emailStatus)]);
  const dossiers = { total: decisions.length, sent: 0, pending: 0, failed: 0 };
  for (const d of decisions) {
    const states = byDossier.get(d.applicationId) ?? [];
    if (states.includes("failed")) dossiers.failed += 1;
    else if (states.length && states.every((s) => s === "sent")) dossiers.sent += 1;
    else dossiers.pending += 1;
  }
  const recipients = { total: notifications.length, sent: 0, pending: 0, failed: 0 };
  for (const n of notifications) recipients[stateOf(n.emailStatus)] += 1;
  const references = new Map(decisions.map((d) => [d.applicationId, d.application.reference ?? d.applicationId]));
  const failures = notifications
    .filter((n) => isResendable(n))
    .map((n) => ({
      id: n.id,
      kindLabel: kindSpec(n.kind)?.label ?? n.kind,
      reference: n.applicationId ? (references.get(n.applicationId) ?? n.applicationId) : "—",
      applicationId: n.applicationId,
      email: n.email,
      failed: n.emailStatus === "FAILED",
      attempts: n.attempts,
      lastError: n.lastError,
      lastAttemptAt: n.lastAttemptAt,
    }))
    .sort((a, b) => Number(b.failed) - Number(a.failed) || a.reference.localeCompare(b.reference, "fr"));
  return { dossiers, recipients, failures, callSlug: call.slug };
}
export type DecisionDeliverySummary = Awaited<ReturnType<typeof decisionDeliverySummary>>;

/** Puts the e-mails back in the queue, now, keeping their attempts and last error as history. */
async function requeue(tx: Tx, ids: string[]): Promise<void> {
  await tx.notification.updateMany({ where: { id: { in: ids } }, data: { emailStatus: "PENDING" } });
  await enqueueDeliveries(tx, ids);
}

/**
 * « Renvoyer »: a failed e-mail, or « nouvel essai maintenant » for one waiting after a failure, goes back to
 * the queue at once (a fresh series of attempts). The row is locked first: an attempt running at that moment
 * finishes, and an e-mail sent meanwhile is not sent again.
 */
export async function resendNotification(actor: Actor, id: string) {
  assertCan(actor, "notification.resend");
  const scope = await scopeOf(actor);
  return db().$transaction(async (tx) => {
    const [n] = await tx.$queryRaw<{ id: string; kind: string; email: string; callId: string | null; emailStatus: DeliveryStatus; attempts: number; lastError: string | null }[]>`
      SELECT id, kind, email, "callId", "emailStatus", attempts, "lastError" FROM "Notification" WHERE id = ${String(id)} FOR UPDATE`;
    if (!n || (scope && (!n.callId || !scope.includes(n.callId)))) throw new AppError("NOT_FOUND");
    if (kindSpec(n.kind)?.secret && !can(actor, "notification.logAll")) {
      throw new AppError("FORBIDDEN", "Ce message contient un lien personnel à usage unique : seul un administrateur peut le renvoyer.");
    }
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

/** « Renvoyer les envois en échec » of a call (or only of its decisions): every failed e-mail, in one go (one audit event). */
export async function resendFailedOfCall(actor: Actor, callId: string, options: { decisionsOnly?: boolean } = {}) {
  assertCan(actor, "notification.resend");
  const call = await visibleCall(actor, callId);
  const all = can(actor, "notification.logAll");
  const kinds = options.decisionsOnly ? [...DECISION_KINDS] : null;
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; kind: string }[]>`
      SELECT id, kind FROM "Notification" WHERE "callId" = ${call.id} AND "emailStatus" = 'FAILED' ORDER BY id FOR UPDATE`;
    const ids = rows.filter((r) => (all || !kindSpec(r.kind)?.secret) && (!kinds || (kinds as string[]).includes(r.kind))).map((r) => r.id);
    if (!ids.length) throw new AppError("INVALID_STATE", "Aucun envoi de cet appel n'est en échec.");
    await requeue(tx, ids);
    await recordAudit(tx, { actorId: actor.id, action: "notification.resend", entityType: "Call", entityId: call.id, after: { emailStatus: "PENDING", count: ids.length, ids } });
    return { count: ids.length };
  });
}

/** How many e-mails of a call are in failure, that the actor may resend (the bulk button's count). */
export async function countFailedOfCall(actor: Actor, callId: string): Promise<number> {
  assertCan(actor, "notification.log");
  const scope = await scopeOf(actor);
  if (scope && !scope.includes(callId)) return 0;
  const all = can(actor, "notification.logAll");
  const rows = await db().notification.groupBy({ by: ["kind"], where: { callId, emailStatus: "FAILED" }, _count: { _all: true } });
  return rows.filter((r) => all || !kindSpec(r.kind)?.secret).reduce((sum, r) => sum + r._count._all, 0);
}
