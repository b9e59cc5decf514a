import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";

// Counters live in PostgreSQL (table RateLimit), so every app instance sees the same ones.
export const SIGN_IN_LIMITS = {
  perEmail: { points: 5, duration: 15 * 60 }, // 5 failures in 15 minutes lock the account for the rest of the window
  perIp: { points: 50, duration: 15 * 60 },
} as const;

type Limiters = { email: RateLimiterPrisma; ip: RateLimiterPrisma };
let limiters: Limiters | undefined;

function signInLimiters(): Limiters {
  const common = { storeClient: db(), tableName: "rateLimit", clearExpiredByTimeout: false };
  limiters ??= {
    email: new RateLimiterPrisma({ ...common, keyPrefix: "signin-email", ...SIGN_IN_LIMITS.perEmail }),
    ip: new RateLimiterPrisma({ ...common, keyPrefix: "signin-ip", ...SIGN_IN_LIMITS.perIp }),
  };
  return limiters;
}

/** Seconds until sign-in is allowed again for this e-mail or address, 0 when allowed. */
export async function signInLockSeconds(email: string, ip: string): Promise<number> {
  const { email: byEmail, ip: byIp } = signInLimiters();
  const [e, i] = await Promise.all([byEmail.get(email), byIp.get(ip)]);
  const locked = [
    e && e.consumedPoints >= SIGN_IN_LIMITS.perEmail.points ? e.msBeforeNext : 0,
    i && i.consumedPoints >= SIGN_IN_LIMITS.perIp.points ? i.msBeforeNext : 0,
  ];
  return Math.ceil(Math.max(...locked) / 1000);
}

/** Counts a failed attempt; returns the lock in seconds when this failure reached the limit, else 0. */
export async function recordSignInFailure(email: string, ip: string): Promise<number> {
  const { email: byEmail, ip: byIp } = signInLimiters();
  const results = await Promise.all([byEmail.consume(email).catch((r) => r), byIp.consume(ip).catch((r) => r)]);
  const lockMs = results.map((r) => (r instanceof RateLimiterRes && r.remainingPoints === 0 ? r.msBeforeNext : 0));
  return Math.ceil(Math.max(...lockMs) / 1000);
}

export async function clearSignInFailures(email: string): Promise<void> {
  await signInLimiters().email.delete(email);
}
