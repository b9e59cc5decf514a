import "server-only";
import { cookieValue, deviceCookieName, verifiedDevice } from "@/lib/auth/device";
import { timingSafeDummyVerify, verifyPassword } from "@/lib/auth/password";
import type { RoleGrant } from "@/lib/auth/policy";
import {
  clearSignInAttempts,
  countSignInAttempt,
  lockAfterFailure,
  type SignInLock,
  type SignInPlace,
} from "@/lib/auth/rate-limit";
import { authEnv, servedOverHttps } from "@/lib/env";
import { findCredentials } from "@/lib/users/data";
import { recordSecurityEvent } from "@/lib/users/mutations";
import { signInSchema } from "@/lib/users/schema";

export type SignInOutcome =
  | {
      ok: true;
      user: { id: string; email: string; name: string; sessionVersion: number; roles: RoleGrant[] };
    }
  | { ok: false; reason: "INVALID" }
  | { ok: false; reason: "LOCKED"; retryAfterSeconds: number; accountWide: boolean }
  | { ok: false; reason: "UNVERIFIED" };

/**
 * Checks e-mail and password. A wrong password, an unknown e-mail and a deactivated account give
 * the same answer in the same time; repeated failures lock the account where they are made
 * (lib/auth/rate-limit.ts). `ip` is null when the client's address is unknown; `cookieHeader` may
 * hold the proof that this device signed in to the account before (lib/auth/device.ts).
 */
export async function authenticate(
  input: { email: unknown; password: unknown },
  ip: string | null,
  cookieHeader = "",
): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "INVALID" };
  const { email, password } = parsed.data;
  const secret = authEnv().NEXTAUTH_SECRET;
  const device = verifiedDevice(
    cookieValue(cookieHeader, deviceCookieName(email, servedOverHttps())),
    email,
    secret,
  );
  const place = { email, ip, device };

  const locked = await countSignInAttempt(place);
  if (locked) return recorded(lockedOutcome(locked), place, null);

  const user = await findCredentials(email);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : await timingSafeDummyVerify(password);
  if (!user || !valid || !user.active) {
    const lockNow = await lockAfterFailure(place);
    const outcome: SignInOutcome = lockNow
      ? lockedOutcome(lockNow)
      : { ok: false, reason: "INVALID" };
    return recorded(outcome, place, user?.id ?? null);
  }
  await clearSignInAttempts(email, place);
  if (!user.emailVerifiedAt) return { ok: false, reason: "UNVERIFIED" };
  return recorded(
    {
      ok: true,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        sessionVersion: user.sessionVersion,
        roles: user.roles,
      },
    },
    place,
    user.id,
  );
}

/**
 * Every sign-in, failed attempt and lock is a security event of the audit journal (searchable by the
 * administrators, /admin/journal): who, from where, with which outcome. An unknown account is named by
 * the address typed.
 */
async function recorded(
  outcome: SignInOutcome,
  place: SignInPlace,
  userId: string | null,
): Promise<SignInOutcome> {
  const action = outcome.ok
    ? "auth.signIn"
    : outcome.reason === "LOCKED"
      ? "auth.signInLocked"
      : "auth.signInFailed";
  await recordSecurityEvent({
    actorId: outcome.ok ? userId : null,
    action,
    entityId: userId ?? place.email,
    details: {
      email: place.email,
      address: place.ip,
      knownDevice: place.device !== null,
      ...(!outcome.ok && outcome.reason === "LOCKED"
        ? { lockedSeconds: outcome.retryAfterSeconds, accountWide: outcome.accountWide }
        : {}),
    },
  });
  return outcome;
}

function lockedOutcome(lock: NonNullable<SignInLock>): SignInOutcome {
  return {
    ok: false,
    reason: "LOCKED",
    retryAfterSeconds: lock.seconds,
    accountWide: lock.accountWide,
  };
}
