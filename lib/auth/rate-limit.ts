import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { VersionedMemo } from "@/lib/memo";

// Counters live in PostgreSQL (table RateLimit), so every app instance sees the same ones.
// Each attempt is counted before the password is checked (an atomic increment), so parallel
// requests cannot slip through between a check and a count; a success clears the account's counter.
export const SIGN_IN_LIMITS = {
  perEmail: { points: 5, duration: 15 * 60 }, // 5 failed attempts in 15 minutes lock the account until the window ends
  perIp: { points: 50, duration: 15 * 60 },
} as const;

type Limiters = { email: RateLimiterPrisma; ip: RateLimiterPrisma };
let limiters: Limiters | undefined;

function signInLimiters(): Limiters {
  const common = { storeClient: db(), tableName: "rateLimit", clearExpiredByTimeout: false };
  limiters ??= {
    email: new RateLimiterPrisma({
      ...common,
      keyPrefix: "signin-email",
      ...SIGN_IN_LIMITS.perEmail,
    }),
    ip: new RateLimiterPrisma({ ...common, keyPrefix: "signin-ip", ...SIGN_IN_LIMITS.perIp }),
  };
  return limiters;
}

/** The lock in seconds when the limit was already used up before this attempt, else 0. */
function lockOf(outcome: unknown, points: number): number {
  if (!(outcome instanceof RateLimiterRes)) return 0;
  return outcome.consumedPoints > points ? Math.ceil(outcome.msBeforeNext / 1000) : 0;
}

/**
 * Counts a sign-in attempt for the e-mail and, when known, the client's address. Returns the seconds
 * to wait when the attempt is over the limit (and must not be checked), else 0.
 */
export async function countSignInAttempt(email: string, ip: string | null): Promise<number> {
  const { email: byEmail, ip: byIp } = signInLimiters();
  const [e, i] = await Promise.all([
    byEmail.consume(email).catch((r: unknown) => r),
    ip ? byIp.consume(ip).catch((r: unknown) => r) : null,
  ]);
  return Math.max(
    lockOf(e, SIGN_IN_LIMITS.perEmail.points),
    lockOf(i, SIGN_IN_LIMITS.perIp.points),
  );
}

/** Seconds until the account is unlocked when this failure used up its last attempt, else 0. */
export async function lockAfterFailure(email: string): Promise<number> {
  const state = await signInLimiters().email.get(email);
  return state && state.consumedPoints >= SIGN_IN_LIMITS.perEmail.points
    ? Math.ceil(state.msBeforeNext / 1000)
    : 0;
}

export async function clearSignInAttempts(email: string, ip: string | null): Promise<void> {
  const { email: byEmail, ip: byIp } = signInLimiters();
  await Promise.all([byEmail.delete(email), ip ? byIp.reward(ip, 1) : null]);
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
