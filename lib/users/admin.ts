import "server-only";
// Administration of users: invitation, activation, roles, deactivation.
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { type Actor, assertCan, type RoleGrant } from "@/lib/auth/policy";
import { ROLE_LABELS } from "@/lib/auth/spaces";
import { db, type Tx } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { invitationMail } from "@/lib/mail/templates";
import { notify } from "@/lib/notifications/outbox";
import { createUser } from "@/lib/users/mutations";
import {
  activationSchema,
  type InviteUserInput,
  inviteUserSchema,
  rolesSchema,
} from "@/lib/users/schema";
import { consumeUserToken, issueUserToken } from "@/lib/users/tokens";
import { parseInput } from "@/lib/validation";

export const INVITATION_DAYS = 7;

/** Creates the account without a password and e-mails an activation link. */
export async function inviteUser(actor: Actor, input: InviteUserInput) {
  assertCan(actor, "user.manage");
  const data = parseInput(inviteUserSchema, input);
  await assertRegionsExist(data.roles);
  const user = await createUser(actor.id, { ...data, emailVerified: false });
  await db().$transaction(async (tx) => {
    const token = await issueUserToken(tx, user.id, "INVITATION", INVITATION_DAYS * 24);
    const mail = invitationMail({
      to: user.email,
      name: user.name,
      roles: data.roles.map((g) => ROLE_LABELS[g.role]),
      link: `${appUrl()}/activation/${token}`,
      expiresInDays: INVITATION_DAYS,
    });
    await notify(tx, [
      { kind: "account.invitation", event: `account.invitation:${randomUUID()}`, mail },
    ]);
  });
  return user;
}

/** The invited person chooses a password; the e-mail is thereby confirmed. */
export async function activateAccount(input: {
  token: string;
  password: string;
  confirmation: string;
}) {
  const data = parseInput(activationSchema, input);
  const passwordHash = await hashPassword(data.password);
  return db().$transaction(async (tx) => {
    const token = await consumeUserToken(tx, data.token, "INVITATION");
    const user = await tx.user.update({
      where: { id: token.userId },
      data: { passwordHash, emailVerifiedAt: new Date() },
      select: { id: true, email: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.activate",
      entityType: "User",
      entityId: user.id,
    });
    return user;
  });
}

async function assertRegionsExist(roles: RoleGrant[]) {
  const codes = [...new Set(roles.flatMap((g) => (g.regionCode ? [g.regionCode] : [])))];
  if (!codes.length) return;
  const found = await db().region.count({ where: { code: { in: codes } } });
  if (found !== codes.length)
    throw new AppError("VALIDATION", "Région inconnue.", {
      roles: ["Choisissez une région de la liste."],
    });
}

/** Refuses a change that would leave no active administrator. */
async function assertAnotherAdminRemains(tx: Tx, userId: string) {
  const others = await tx.user.count({
    where: { id: { not: userId }, active: true, roles: { some: { role: "ADMIN" } } },
  });
  if (others === 0)
    throw new AppError(
      "INVALID_STATE",
      "Il doit rester au moins un administrateur actif : désignez-en un autre avant.",
    );
}

async function lockUser(tx: Tx, userId: string) {
  // Serialises administrators acting on users, so that two of them cannot remove the last two admins at once.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(7202512)`;
  const user = await tx.user.findUnique({
    where: { id: userId },
    include: { roles: { select: { role: true, regionCode: true } } },
  });
  if (!user) throw new AppError("NOT_FOUND");
  return user;
}

export async function setUserRoles(actor: Actor, userId: string, input: { roles: RoleGrant[] }) {
  assertCan(actor, "user.manage");
  const { roles } = parseInput(rolesSchema, input);
  await assertRegionsExist(roles);
  const unique = [...new Map(roles.map((g) => [`${g.role}:${g.regionCode ?? ""}`, g])).values()];
  await db().$transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    const wasAdmin = user.roles.some((g) => g.role === "ADMIN");
    if (wasAdmin && !unique.some((g) => g.role === "ADMIN") && user.active)
      await assertAnotherAdminRemains(tx, userId);
    await tx.roleAssignment.deleteMany({ where: { userId } });
    await tx.roleAssignment.createMany({
      data: unique.map((g) => ({ userId, role: g.role, regionCode: g.regionCode })),
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.roles",
      entityType: "User",
      entityId: userId,
      before: { roles: user.roles },
      after: { roles: unique },
    });
  });
}

/** Deactivates a user: their sessions end at their next request. */
export async function deactivateUser(actor: Actor, userId: string) {
  assertCan(actor, "user.manage");
  await db().$transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user.active) return;
    if (user.roles.some((g) => g.role === "ADMIN")) await assertAnotherAdminRemains(tx, userId);
    await tx.user.update({
      where: { id: userId },
      data: { active: false, deactivatedAt: new Date(), sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.deactivate",
      entityType: "User",
      entityId: userId,
      before: { active: true },
      after: { active: false },
    });
  });
}

export async function reactivateUser(actor: Actor, userId: string) {
  assertCan(actor, "user.manage");
  await db().$transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (user.active) return;
    await tx.user.update({ where: { id: userId }, data: { active: true, deactivatedAt: null } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.reactivate",
      entityType: "User",
      entityId: userId,
      before: { active: false },
      after: { active: true },
    });
  });
}
