import "server-only";
// Personal access tokens: shown once at creation, stored as their SHA-256 with a recognisable prefix,
// scoped, with an expiry of at most a year, revocable; each request is rate-limited per token.
// Created and revoked by lib/api/mutations.ts, checked on each request by lib/api/http.ts.
import { createHash } from "node:crypto";

export const MAX_ACTIVE_TOKENS = 20;

/** What the database keeps of a token: its SHA-256, never the token. */
export const hashOfToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Requests per minute and token (API_RATE_LIMIT_PER_MINUTE, default 120). */
export function apiRateLimit(): number {
  const n = Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? 120);
  return Number.isInteger(n) && n > 0 ? n : 120;
}
