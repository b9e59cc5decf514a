import "server-only";
import { findApiToken } from "@/lib/api/data";
import { markApiTokenUsed } from "@/lib/api/mutations";
import { API_SCOPES, type ApiScope } from "@/lib/api/schema";
import { apiRateLimit, hashOfToken } from "@/lib/api/tokens";
import { type Actor, can } from "@/lib/auth/policy";
import { limitAction } from "@/lib/auth/rate-limit";
import { AppError, databaseFailureOr } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { errorResponse } from "@/lib/http";

/**
 * The actor behind a request's bearer token, when the token is valid and holds `scope`:
 * 401 for a missing, unknown, expired or revoked token (or a deactivated account), 403 for a scope
 * the token lacks, 429 past the rate limit. What the actor then reads is limited by the policy.
 */
async function authenticateApiRequest(
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
  const row = await findApiToken(hashOfToken(match[1]!));
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
    await markApiTokenUsed(row.id, now);
  }
  return actor;
}

/** A GET handler of the API: the token, its scope, then the resource; errors as JSON in French. */
export function apiHandler(scope: ApiScope, read: (actor: Actor, url: URL) => Promise<unknown>) {
  return async function handleGet(request: Request): Promise<Response> {
    try {
      const actor = await authenticateApiRequest(request, scope);
      return Response.json(await read(actor, new URL(request.url)), {
        headers: { "Cache-Control": "private, no-store" },
      });
    } catch (thrown) {
      // A lost database connection is a 503 the client may retry (a restart takes seconds), never an internal error.
      const error = databaseFailureOr(thrown);
      if (error instanceof AppError && error.code === "UNAVAILABLE") {
        return Response.json(
          { code: error.code, message: error.message },
          { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
        );
      }
      const response = errorResponse(error);
      if (error instanceof AppError && error.code === "UNAUTHORIZED")
        response.headers.set("WWW-Authenticate", 'Bearer realm="api"');
      if (error instanceof AppError && error.code === "RATE_LIMITED")
        response.headers.set("Retry-After", "60");
      return response;
    }
  };
}
