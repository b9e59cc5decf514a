import "server-only";
// The writes of the REST API's personal access tokens: created (shown once), revoked, marked as used.
import { randomBytes } from "node:crypto";
import { createTokenSchema } from "@/lib/api/schema";
import { hashOfToken, MAX_ACTIVE_TOKENS } from "@/lib/api/tokens";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan, can } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

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
        tokenHash: hashOfToken(token),
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

/** Records when a token was last used. */
export async function markApiTokenUsed(tokenId: string, now: Date) {
  await db().apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: now } });
}
