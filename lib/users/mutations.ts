import "server-only";
// Accounts: creation, the applicants' own sign-up with e-mail confirmation and password reset (answers
// never reveal whether an e-mail has an account), and their administration (invitation, roles, deactivation).
import { randomUUID } from "node:crypto";
import { zipSync } from "fflate";
import { recordAudit } from "@/lib/audit/log";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { type Actor, assertCan, type RoleGrant } from "@/lib/auth/policy";
import { clearSignInAttempts, limitAction } from "@/lib/auth/rate-limit";
import { ROLE_LABELS } from "@/lib/auth/spaces";
import { db, type Tx } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError, conflictOnUnique } from "@/lib/errors";
import {
  alreadyRegisteredMail,
  invitationMail,
  passwordResetMail,
  verificationMail,
} from "@/lib/mail/templates";
import { notify } from "@/lib/notifications/outbox";
import { sanitizeFileName } from "@/lib/storage/file-check";
import { storage } from "@/lib/storage/storage";
import { personalData } from "@/lib/users/data";
import {
  emailRequestSchema,
  type InviteUserInput,
  inviteUserSchema,
  type NewUserInput,
  newUserSchema,
  passwordChangeSchema,
  passwordChoiceSchema,
  profileSchema,
  rolesSchema,
  type SignUpInput,
  signUpSchema,
} from "@/lib/users/schema";
import { consumeUserToken, issueUserToken } from "@/lib/users/tokens";
import { parseInput } from "@/lib/validation";

/**
 * Creates a user with their roles: a building block of the commands that create accounts (sign-up,
 * invitation by an administrator), which check who may call them. `actorId` is the administrator who does it,
 * or null for the system (demo seed, sign-up).
 */
export async function createUser(actorId: string | null, input: NewUserInput) {
  const { email, name, password, emailVerified, roles } = parseInput(newUserSchema, input);
  const passwordHash = password ? await hashPassword(password) : null;
  const duplicate = conflictOnUnique("Un compte existe déjà avec cette adresse e-mail.", "email");
  return db()
    .$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email }, select: { id: true } }))
        duplicate({ code: "P2002" });
      const user = await tx.user.create({
        data: {
          email,
          name,
          passwordHash,
          emailVerifiedAt: emailVerified ? new Date() : null,
          roles: { create: roles.map((g) => ({ role: g.role, regionCode: g.regionCode })) },
        },
        select: { id: true, email: true, name: true },
      });
      await recordAudit(tx, {
        actorId,
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        after: { email, name, roles },
      });
      return user;
    })
    .catch(duplicate);
}

// The applicants' own account: sign-up with e-mail confirmation, password reset.

const VERIFICATION_HOURS = 48;
const RESET_MINUTES = 60;

// Each link sent is its own event (a second request sends a new link); the e-mails go through the job queue.
async function sendVerification(user: { id: string; email: string; name: string }) {
  await db().$transaction(async (tx) => {
    const token = await issueUserToken(tx, user.id, "EMAIL_VERIFICATION", VERIFICATION_HOURS);
    const mail = verificationMail({
      to: user.email,
      name: user.name,
      link: `${appUrl()}/inscription/confirmer/${token}`,
      expiresInHours: VERIFICATION_HOURS,
    });
    await notify(tx, [
      { kind: "account.verification", event: `account.verification:${randomUUID()}`, mail },
    ]);
  });
}

/**
 * Creates an applicant's account and e-mails the confirmation link. When the e-mail already has an
 * account, its owner is told by e-mail instead, and the caller sees the same answer.
 */
export async function signUp(input: SignUpInput, clientKey: string): Promise<void> {
  const data = parseInput(signUpSchema, input);
  await limitAction("signup", clientKey, 10, 60 * 60);
  const existing = await db().user.findUnique({
    where: { email: data.email },
    select: { name: true, email: true },
  });
  if (existing) {
    await hashPassword(data.password); // the same work as a creation, so that timing tells nothing
    const mail = alreadyRegisteredMail({
      to: existing.email,
      name: existing.name,
      signInLink: `${appUrl()}/connexion`,
      resetLink: `${appUrl()}/mot-de-passe-oublie`,
    });
    await db().$transaction((tx) =>
      notify(tx, [
        {
          kind: "account.already-registered",
          event: `account.already-registered:${randomUUID()}`,
          mail,
        },
      ]),
    );
    return;
  }
  const user = await createUser(null, {
    email: data.email,
    name: data.name,
    password: data.password,
    emailVerified: false,
    roles: [{ role: "APPLICANT", regionCode: null }],
  });
  await sendVerification(user);
}

/** Sends the confirmation link again (to an account not yet confirmed); silent otherwise. */
export async function resendVerification(
  input: { email: string },
  clientKey: string,
): Promise<void> {
  const { email } = parseInput(emailRequestSchema, input);
  await limitAction("verify-resend", `${clientKey}:${email}`, 3, 60 * 60);
  await limitAction("verify-resend-address", clientKey, 20, 60 * 60);
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, active: true, emailVerifiedAt: true },
  });
  if (user?.active && !user.emailVerifiedAt) await sendVerification(user);
}

export async function confirmEmail(token: string): Promise<void> {
  if (typeof token !== "string" || token.length > 200)
    throw new AppError("INVALID_STATE", "Ce lien n'est pas valide.");
  await db().$transaction(async (tx) => {
    const row = await consumeUserToken(tx, token, "EMAIL_VERIFICATION");
    await tx.user.update({ where: { id: row.userId }, data: { emailVerifiedAt: new Date() } });
    await recordAudit(tx, {
      actorId: row.userId,
      action: "user.verifyEmail",
      entityType: "User",
      entityId: row.userId,
    });
  });
}

/** E-mails a reset link when the address has an active account; the same answer otherwise. */
export async function requestPasswordReset(
  input: { email: string },
  clientKey: string,
): Promise<void> {
  const { email } = parseInput(emailRequestSchema, input);
  await limitAction("reset-request", `${clientKey}:${email}`, 3, 60 * 60);
  await limitAction("reset-request-address", clientKey, 20, 60 * 60);
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, active: true },
  });
  if (!user?.active) return;
  await db().$transaction(async (tx) => {
    const token = await issueUserToken(tx, user.id, "PASSWORD_RESET", RESET_MINUTES / 60);
    const mail = passwordResetMail({
      to: user.email,
      name: user.name,
      link: `${appUrl()}/mot-de-passe/${token}`,
      expiresInMinutes: RESET_MINUTES,
    });
    await notify(tx, [
      { kind: "account.password-reset", event: `account.password-reset:${randomUUID()}`, mail },
    ]);
  });
}

/** Sets the new password; every open session of the account ends, and a pending lock is lifted. */
export async function resetPassword(input: {
  token: string;
  password: string;
  confirmation: string;
}): Promise<void> {
  const data = parseInput(passwordChoiceSchema, input);
  const passwordHash = await hashPassword(data.password);
  const email = await db().$transaction(async (tx) => {
    const row = await consumeUserToken(tx, data.token, "PASSWORD_RESET");
    const user = await tx.user.update({
      where: { id: row.userId },
      // Following the link proves the address too.
      data: { passwordHash, sessionVersion: { increment: 1 }, emailVerifiedAt: new Date() },
      select: { email: true },
    });
    await recordAudit(tx, {
      actorId: row.userId,
      action: "user.resetPassword",
      entityType: "User",
      entityId: row.userId,
    });
    return user.email;
  });
  await clearSignInAttempts(email, null);
}

/** The signed-in person changes the name shown to others. */
export async function updateProfile(actor: Actor, input: unknown): Promise<void> {
  const { name } = parseInput(profileSchema, input);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { name } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.profile",
      entityType: "User",
      entityId: actor.id,
      before: { name: actor.name },
      after: { name },
    });
  });
}

/** Changes the password after checking the current one; every session ends (sign in again). */
export async function changePassword(actor: Actor, input: unknown): Promise<void> {
  const data = parseInput(passwordChangeSchema, input);
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { passwordHash: true },
  });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, data.current))) {
    throw new AppError("VALIDATION", "Le mot de passe actuel est incorrect.", {
      current: ["Le mot de passe actuel est incorrect."],
    });
  }
  const passwordHash = await hashPassword(data.password);
  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: actor.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.changePassword",
      entityType: "User",
      entityId: actor.id,
    });
  });
}

/**
 * Ends every session of the person (sign-out): each request checks the session's version against the
 * account's (lib/users/data.ts loadActor). A password change, a reset and a deactivation do the same in
 * their own transaction; a role removed needs no such step, the rights being read on each request.
 */
export async function endSessions(userId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId },
      data: { sessionVersion: { increment: 1 } },
    });
    if (count)
      await recordAudit(tx, {
        actorId: userId,
        action: "auth.signOut",
        entityType: "User",
        entityId: userId,
      });
  });
}

/** A security event (a sign-in, a failure, a lock) in the audit journal, on the account or the address typed. */
export async function recordSecurityEvent(event: {
  actorId: string | null;
  action: string;
  entityId: string;
  details: Record<string, unknown>;
}): Promise<void> {
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actorId: event.actorId,
      action: event.action,
      entityType: "User",
      entityId: event.entityId,
      after: event.details,
    }),
  );
}

/**
 * The person's own data as a ZIP (RGPD, right of access and portability): `donnees.json`, everything the
 * product holds about them as stored, and `fichiers/`, the files they uploaded. Five a day; audited.
 */
export async function exportPersonalData(
  actor: Actor,
): Promise<{ zip: Uint8Array; fileName: string }> {
  await limitAction("personal-data-export", actor.id, 5, 24 * 60 * 60);
  const data = await personalData(actor);
  const files: Record<string, Uint8Array> = {};
  const missing: string[] = [];
  for (const upload of data.uploads) {
    const name = `fichiers/${upload.id}-${sanitizeFileName(upload.fileName)}`;
    try {
      files[name] = await storage().get(upload.storageKey);
    } catch {
      missing.push(upload.fileName); // listed in donnees.json all the same
    }
  }
  const exportedAt = new Date();
  const json = {
    exportedAt,
    about:
      "Données personnelles détenues par la plateforme AMI PTCE sur la personne qui les télécharge.",
    ...data,
    uploads: data.uploads.map(({ storageKey: _, ...upload }) => upload),
    filesMissingFromStorage: missing,
  };
  files["donnees.json"] = new TextEncoder().encode(JSON.stringify(json, null, 2));
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor.id,
      action: "user.exportData",
      entityType: "User",
      entityId: actor.id,
      after: { files: data.uploads.length },
    }),
  );
  return {
    zip: zipSync(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, [b, { level: 6 }]]))),
    fileName: `mes-donnees-ami-ptce-${exportedAt.toISOString().slice(0, 10)}.zip`,
  };
}

// Administration of users: invitation, activation, roles, deactivation.

const INVITATION_DAYS = 7;

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
  const data = parseInput(passwordChoiceSchema, input);
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
