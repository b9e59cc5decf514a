import "server-only";
// A person's notification list: the Notification rows written by notify() for their account, of the kinds
// shown in the product (IN_APP_KINDS: the account e-mails carry one-time links and stay out). Every read and
// write is scoped to the signed-in actor's own rows: another person's notification looks missing.
// Also the person's e-mail preferences (User.emailOptOuts), read by notify() when it writes a notification.
import { recordAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { emailPreferencesSchema } from "@/lib/notifications/inbox-schema";
import {
  notificationSummary,
  notificationTarget,
  notificationTitle,
} from "@/lib/notifications/inbox-text";
import {
  IN_APP_KINDS,
  type NotificationKind,
  OPTIONAL_KINDS,
  optionalKindsOf,
} from "@/lib/notifications/kinds";
import { paged } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";

/** The actor's own rows of the list (and nothing else), AND-ed into every query of this module. */
const own = (
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
export async function listNotifications(
  actor: Actor,
  filter: InboxFilter,
  page: { page: number; size: number; skip: number },
) {
  const where = own(actor, filter.unread ? { readAt: null } : {});
  const [rows, total] = await Promise.all([
    db().notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: page.skip,
      take: page.size,
      select: {
        id: true,
        kind: true,
        subject: true,
        text: true,
        link: true,
        createdAt: true,
        readAt: true,
      },
    }),
    db().notification.count({ where }),
  ]);
  const items: InboxItem[] = rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    title: notificationTitle(n.subject),
    summary: notificationSummary(n.text),
    hasLink: Boolean(n.link),
    createdAt: n.createdAt,
    readAt: n.readAt,
  }));
  return paged(items, total, page.page, page.size);
}

/** How many of the actor's notifications are unread (the header's count: one count on the [userId, createdAt] index). */
export async function unreadNotificationCount(actor: Actor): Promise<number> {
  return db().notification.count({ where: own(actor, { readAt: null }) });
}

/** Marks one of the actor's notifications read (kept as first read if it already was); returns its link. */
export async function markNotificationRead(
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<{ link: string | null }> {
  const row = await db().notification.findFirst({
    where: own(actor, { id: String(id) }),
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
      where: own(actor, { readAt: null }),
      data: { readAt: now },
    })
  ).count;
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
