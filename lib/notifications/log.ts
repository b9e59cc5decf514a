// The delivery log: every notification with its recipient and what became of its e-mail (waiting, handed to
// the mail server with its answer, failed with the server's last answer, turned off by the person, only written
// to the worker's log when no SMTP server is configured), for the national cell (the notifications of the calls
// it sees, except those about dossiers never submitted) and the administrators (all of them); « renvoyer » for
// one that was not delivered; and the documents whose preparation failed for good, with « relancer ».
// This file holds the log's vocabulary, its search form and the SQL of its scopes (no database): the reads are
// in lib/notifications/data.ts, « renvoyer » and « relancer » in lib/notifications/mutations.ts.

import { type Actor, can } from "@/lib/auth/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { kindSpec, NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";
import { searchText } from "@/lib/validation";
import * as z from "@/lib/zod";

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

const text = searchText(200);

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
export const scopeOf = (actor: Actor): Prisma.Sql =>
  can(actor, "notification.logAll") ? Prisma.sql`TRUE` : NATIONAL_SCOPE;

/** `%`, `_` and `\` of a search taken literally in ILIKE. */
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function stateSql(state: DeliveryState): Prisma.Sql {
  if (state === "RETRYING") return Prisma.sql`n."emailStatus" = 'PENDING' AND n.attempts > 0`;
  return Prisma.sql`n."emailStatus" = ${state}::"DeliveryStatus"`;
}

/** `callId`: a call's notifications; null: those of no call; undefined: any. */
export function whereOf(
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

export type LogRow = {
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
export const linkLost = (n: { kind: string; emailStatus: DeliveryStatus }) =>
  kindSpec(n.kind)?.secret === true && (n.emailStatus === "FAILED" || n.emailStatus === "LOGGED");

export function present(actor: Actor, n: LogRow) {
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

/** The e-mails of a call that « renvoyer les envois en échec » takes: failed or only logged, within the actor's scope, one-time links excepted. */
export function bulkWhere(scope: Prisma.Sql, callId: string, decisionsOnly: boolean): Prisma.Sql {
  return Prisma.sql`WHERE n."callId" = ${callId} AND n."emailStatus" IN ('FAILED', 'LOGGED') AND NOT (n.kind = ANY(${SECRET_KINDS}))
    ${decisionsOnly ? Prisma.sql`AND n.kind = ANY(${[...DECISION_KINDS]})` : Prisma.empty} AND ${scope}`;
}

export type ResendableCounts = { failed: number; logged: number };

// ───────────────────────────── Documents whose preparation failed for good ─────────────────────────────

/** The jobs that produce a document promised to a person (a decision letter, a convention), and their labels. */
export const DOCUMENT_TASKS = {
  "decision.letter": "Lettre de décision",
  "convention.document": "Convention",
} as const;
export type DocumentTask = keyof typeof DOCUMENT_TASKS;

/** How many failed documents a page lists at most (the count says how many there are). */
export const DOCUMENTS_SHOWN = 100;

export type DocumentJobRow = {
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
export const DOCUMENT_JOBS_FROM = Prisma.sql`FROM graphile_worker._private_jobs j
  JOIN graphile_worker._private_tasks t ON t.id = j.task_id
  LEFT JOIN "Convention" c ON t.identifier = 'convention.document' AND c.id = j.payload->>'conventionId'
  LEFT JOIN "Application" a ON a.id = (CASE WHEN t.identifier = 'convention.document' THEN c."applicationId" ELSE j.payload->>'applicationId' END)`;

/** The national cell's document jobs: those of the calls it sees. */
const NATIONAL_DOCUMENT_SCOPE = Prisma.sql`a."callId" IN (SELECT id FROM "Call" WHERE phase <> 'DRAFT') AND a."submittedAt" IS NOT NULL`;
export const documentScopeOf = (actor: Actor): Prisma.Sql =>
  can(actor, "notification.logAll") ? Prisma.sql`TRUE` : NATIONAL_DOCUMENT_SCOPE;

export function presentDocument(actor: Actor, j: DocumentJobRow) {
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
