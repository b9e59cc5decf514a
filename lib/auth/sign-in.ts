import "server-only";
import { timingSafeDummyVerify, verifyPassword } from "@/lib/auth/password";
import type { RoleGrant } from "@/lib/auth/policy";
import { clearSignInAttempts, countSignInAttempt, lockAfterFailure } from "@/lib/auth/rate-limit";
import { findCredentials } from "@/lib/users/data";
import { signInSchema } from "@/lib/users/schema";

export type SignInOutcome =
  | {
      ok: true;
      user: { id: string; email: string; name: string; sessionVersion: number; roles: RoleGrant[] };
    }
  | { ok: false; reason: "INVALID" }
  | { ok: false; reason: "LOCKED"; retryAfterSeconds: number }
  | { ok: false; reason: "UNVERIFIED" };

/**
 * Checks e-mail and password. A wrong password, an unknown e-mail and a deactivated account give
 * the same answer in the same time; repeated failures lock the e-mail (and the address) for a while.
 * `ip` is null when the client's address is unknown (then only the e-mail is limited).
 */
export async function authenticate(
  input: { email: unknown; password: unknown },
  ip: string | null,
): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "INVALID" };
  const { email, password } = parsed.data;

  const locked = await countSignInAttempt(email, ip);
  if (locked > 0) return { ok: false, reason: "LOCKED", retryAfterSeconds: locked };

  const user = await findCredentials(email);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : await timingSafeDummyVerify(password);
  if (!user || !valid || !user.active) {
    const lockNow = await lockAfterFailure(email);
    return lockNow > 0
      ? { ok: false, reason: "LOCKED", retryAfterSeconds: lockNow }
      : { ok: false, reason: "INVALID" };
  }
  await clearSignInAttempts(email, ip);
  if (!user.emailVerifiedAt) return { ok: false, reason: "UNVERIFIED" };
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      sessionVersion: user.sessionVersion,
      roles: user.roles,
    },
  };
}
