import "server-only";
// The applicants' own account: sign-up with e-mail confirmation, password reset.
// Answers never reveal whether an e-mail has an account.
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/log";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/policy";
import { clearSignInAttempts, limitAction } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { alreadyRegisteredMail, passwordResetMail, verificationMail } from "@/lib/mail/templates";
import { notify } from "@/lib/notifications/outbox";
import { createUser } from "@/lib/users/mutations";
import {
  emailRequestSchema,
  passwordChangeSchema,
  passwordResetSchema,
  profileSchema,
  type SignUpInput,
  signUpSchema,
} from "@/lib/users/schema";
import { consumeUserToken, issueUserToken } from "@/lib/users/tokens";
import { parseInput } from "@/lib/validation";

export const VERIFICATION_HOURS = 48;
export const RESET_MINUTES = 60;

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
  const data = parseInput(passwordResetSchema, input);
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
