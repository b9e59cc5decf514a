import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { VersionedMemo } from "@/lib/memo";

// Counters live in PostgreSQL (table RateLimit), so every app instance sees the same ones.
// Nobody can lock someone else out by guessing: failures lock the account only where they are made (one
// address, or one known device), and an account-wide lock, for guesses spread over many addresses, spares
// the devices the owner signed in from before (lib/auth/device.ts) and ends with a password reset (the
// e-mailed link). Each attempt is counted where it is made before the password is checked (an atomic
// increment), so parallel requests cannot slip through between a check and a count.
export const SIGN_IN_LIMITS = {
  // 5 failed attempts in 15 minutes lock the account from that address (or that known device) until the window ends
  perAccountHere: { points: 5, duration: 15 * 60 },
  // 20 failures in 15 minutes from anywhere lock it for unknown devices too
  perAccount: { points: 20, duration: 15 * 60 },
  perIp: { points: 50, duration: 15 * 60 },
} as const;

type Limiters = { here: RateLimiterPrisma; account: RateLimiterPrisma; ip: RateLimiterPrisma };
let limiters: Limiters | undefined;

function signInLimiters(): Limiters {
  const common = { storeClient: db(), tableName: "rateLimit", clearExpiredByTimeout: false };
  limiters ??= {
    here: new RateLimiterPrisma({
      ...common,
      keyPrefix: "signin-here",
      ...SIGN_IN_LIMITS.perAccountHere,
    }),
    account: new RateLimiterPrisma({
      ...common,
      keyPrefix: "signin-account",
      ...SIGN_IN_LIMITS.perAccount,
    }),
    ip: new RateLimiterPrisma({ ...common, keyPrefix: "signin-ip", ...SIGN_IN_LIMITS.perIp }),
  };
  return limiters;
}

/** Where an attempt is made: a device known to the account, else the client's address (null: unknown). */
export type SignInPlace = { email: string; ip: string | null; device: string | null };

const hereKey = ({ email, ip, device }: SignInPlace) =>
  device ? `${email}|appareil:${device}` : `${email}|adresse:${ip ?? "inconnue"}`;

/** The lock in seconds when the limit was already used up before this attempt, else 0. */
function lockOf(outcome: unknown, points: number): number {
  if (!(outcome instanceof RateLimiterRes)) return 0;
  return outcome.consumedPoints > points ? Math.ceil(outcome.msBeforeNext / 1000) : 0;
}

export type SignInLock = { seconds: number; accountWide: boolean } | null;

/**
 * Counts a sign-in attempt where it is made and, when known, from the client's address. Returns the lock
 * when the attempt must not be checked: used up here, from this address, or account-wide for an unknown device.
 */
export async function countSignInAttempt(place: SignInPlace): Promise<SignInLock> {
  const { here, account, ip: byIp } = signInLimiters();
  const [h, i, a] = await Promise.all([
    here.consume(hereKey(place)).catch((r: unknown) => r),
    place.ip ? byIp.consume(place.ip).catch((r: unknown) => r) : null,
    place.device ? null : account.get(place.email),
  ]);
  const local = Math.max(
    lockOf(h, SIGN_IN_LIMITS.perAccountHere.points),
    lockOf(i, SIGN_IN_LIMITS.perIp.points),
  );
  if (local > 0) return { seconds: local, accountWide: false };
  if (a && a.consumedPoints >= SIGN_IN_LIMITS.perAccount.points)
    return { seconds: Math.ceil(a.msBeforeNext / 1000), accountWide: true };
  return null;
}

/** Records a failure account-wide; returns the lock when this failure used up the last attempt here. */
export async function lockAfterFailure(place: SignInPlace): Promise<SignInLock> {
  const { here, account } = signInLimiters();
  const [state] = await Promise.all([
    here.get(hereKey(place)),
    account.penalty(place.email, 1).catch(() => null),
  ]);
  return state && state.consumedPoints >= SIGN_IN_LIMITS.perAccountHere.points
    ? { seconds: Math.ceil(state.msBeforeNext / 1000), accountWide: false }
    : null;
}

/** After a success (or a password reset, `place` null): the account's failures are forgotten. */
export async function clearSignInAttempts(email: string, place: SignInPlace | null): Promise<void> {
  const { here, account, ip: byIp } = signInLimiters();
  await Promise.all([
    account.delete(email),
    place ? here.delete(hereKey(place)) : clearHereCounters(email),
    place?.ip ? byIp.reward(place.ip, 1) : null,
  ]);
}

/** Every address's and device's counter of the account (a reset lifts them all). */
async function clearHereCounters(email: string): Promise<void> {
  await db().rateLimit.deleteMany({ where: { key: { startsWith: `signin-here:${email}|` } } });
}

// One limiter per action and its limits (a limiter only keeps its options; the counts are in PostgreSQL).
const actionLimiters = new VersionedMemo<RateLimiterPrisma>(100);

/**
 * Limits an unauthenticated action (sign-up, e-mail requests) per key, e.g. the client's address or
 * the e-mail asked for: refuses with a French message once `points` are used within `duration` seconds.
 */
export async function limitAction(
  name: string,
  key: string,
  points: number,
  duration: number,
): Promise<void> {
  const limiter = actionLimiters.get(
    name,
    `${points}/${duration}`,
    () =>
      new RateLimiterPrisma({
        storeClient: db(),
        tableName: "rateLimit",
        clearExpiredByTimeout: false,
        keyPrefix: name,
        points,
        duration,
      }),
  );
  try {
    await limiter.consume(key);
  } catch (outcome) {
    if (!(outcome instanceof RateLimiterRes)) throw outcome;
    const minutes = Math.max(1, Math.ceil(outcome.msBeforeNext / 60_000));
    throw new AppError(
      "RATE_LIMITED",
      `Trop de demandes. Réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
    );
  }
}
