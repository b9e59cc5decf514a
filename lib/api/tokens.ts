import "server-only";
// Personal access tokens: shown once at creation, stored as their SHA-256 with a recognisable prefix,
// scoped, with an expiry of at most a year, revocable; each request is rate-limited per token.
import { createHash, randomBytes } from "node:crypto";
import { API_SCOPES, type ApiScope, createTokenSchema } from "@/lib/api/schema";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan, can } from "@/lib/auth/policy";
import { limitAction } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { parseInput } from "@/lib/validation";

export const MAX_ACTIVE_TOKENS = 20;
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Requests per minute and token (API_RATE_LIMIT_PER_MINUTE, default 120). */
export function apiRateLimit(): number {
  const n = Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? 120);
  return Number.isInteger(n) && n > 0 ? n : 120;
}

/** Creates a token and returns it in clear, the only time it is ever shown. */
export async function createApiToken(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "apiToken.manage");
  const data = parseInput(createTokenSchema, input);
  const prefix = `ptce_${randomBytes(6).toString("base64url")}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(now.getTime() + data.expiresInDays * 86_400_000);
  const created = await db().$transaction(async (tx) => {
    const active = await tx.apiToken.count({
      where: { userId: actor.id, revokedAt: null, expiresAt: { gt: now } },
    });
    if (active >= MAX_ACTIVE_TOKENS)
      throw new AppError(
        "INVALID_STATE",
        `Vous avez déjà ${MAX_ACTIVE_TOKENS} jetons actifs : révoquez-en un d'abord.`,
      );
    const row = await tx.apiToken.create({
      data: {
        userId: actor.id,
        name: data.name,
        prefix,
        tokenHash: hashOf(token),
        scopes: [...new Set(data.scopes)],
        expiresAt,
      },
      select: { id: true, name: true, prefix: true, scopes: true, expiresAt: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "apiToken.create",
      entityType: "ApiToken",
      entityId: row.id,
      after: { name: row.name, prefix, scopes: row.scopes, expiresAt },
    });
    return row;
  });
  return { ...created, token };
}

export async function listApiTokens(actor: Actor) {
  assertCan(actor, "apiToken.manage");
  return db().apiToken.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdAt: true,
    },
  });
}

/** Revokes one of the actor's own tokens (another's looks missing). */
export async function revokeApiToken(actor: Actor, tokenId: string, now = new Date()) {
  if (!can(actor, "apiToken.manage")) throw new AppError("NOT_FOUND");
  await db().$transaction(async (tx) => {
    const row = await tx.apiToken.findFirst({ where: { id: String(tokenId), userId: actor.id } });
    if (!row) throw new AppError("NOT_FOUND");
    if (row.revokedAt) return;
    await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt: now } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "apiToken.revoke",
      entityType: "ApiToken",
      entityId: row.id,
      before: { prefix: row.prefix },
    });
  });
}

/**
 * The actor behind a request's bearer token, when the token is valid and holds `scope`:
 * 401 for a missing, unknown, expired or revoked token (or a deactivated account), 403 for a scope
 * the token lacks, 429 past the rate limit. What the actor then reads is limited by the policy.
 */
export async function authenticateApiRequest(
  request: Request,
  scope: ApiScope,
  now = new Date(),
): Promise<Actor> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match)
    throw new AppError(
      "UNAUTHORIZED",
      "Jeton d'accès manquant : envoyez l'en-tête « Authorization: Bearer <jeton> ».",
    );
  const row = await db().apiToken.findUnique({
    where: { tokenHash: hashOf(match[1]!) },
    select: {
      id: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          active: true,
          roles: { select: { role: true, regionCode: true } },
        },
      },
    },
  });
  if (!row) throw new AppError("UNAUTHORIZED", "Jeton d'accès inconnu.");
  if (row.revokedAt)
    throw new AppError(
      "UNAUTHORIZED",
      `Ce jeton d'accès a été révoqué le ${formatDateTime(row.revokedAt)}.`,
    );
  if (row.expiresAt <= now)
    throw new AppError(
      "UNAUTHORIZED",
      `Ce jeton d'accès a expiré le ${formatDateTime(row.expiresAt)}.`,
    );
  const actor: Actor = row.user;
  if (!actor.active)
    throw new AppError("UNAUTHORIZED", "Le compte de ce jeton d'accès est désactivé.");
  if (!can(actor, "apiToken.manage"))
    throw new AppError("FORBIDDEN", "Le compte de ce jeton n'a plus accès à l'API.");
  if (!(API_SCOPES as readonly string[]).includes(scope) || !row.scopes.includes(scope)) {
    throw new AppError(
      "FORBIDDEN",
      `Ce jeton n'a pas la portée « ${scope} » nécessaire à cette ressource.`,
    );
  }
  const perMinute = apiRateLimit();
  await limitAction(`api-${perMinute}`, row.id, perMinute, 60);
  // lastUsedAt to the minute: one write a minute per token at most, not one per request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return actor;
}
