import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { type Action, type Actor, can } from "@/lib/auth/policy";
import { sessionClaims, sessionTokenOf } from "@/lib/auth/session-token";
import { authEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { refuseCrossSite } from "@/lib/http";
import { loadActor } from "@/lib/users/data";

/** The signed-in user, reloaded from the database once per request; null when signed out or deactivated. */
export const getActor = cache(async (): Promise<Actor | null> => {
  // Read from the raw header, as the page cache reads it (lib/auth/session-token.ts); reading the headers
  // marks the page as rendered per request (never prerendered at build).
  const cookieHeader = (await headers()).get("cookie") ?? "";
  const claims = await sessionClaims(sessionTokenOf(cookieHeader), authEnv().NEXTAUTH_SECRET);
  if (!claims) return null;
  return loadActor(claims.userId, claims.sessionVersion);
});

/** For server actions and route handlers: the signed-in user, or UNAUTHORIZED. */
export async function actorOrThrow(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHORIZED");
  return actor;
}

/** For route handlers that change something: another site's request is refused, then as actorOrThrow. */
export async function sameSiteActor(request: Request): Promise<Actor> {
  refuseCrossSite(request);
  return actorOrThrow();
}

/** For pages: sends a signed-out visitor to the sign-in page, then back to `path`. */
export async function requireActor(path: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/connexion?callbackUrl=${encodeURIComponent(path)}`);
  return actor;
}

/** For pages of a role's space: a signed-in user without the right sees the not-found page. */
export async function requireSpace(
  space: Extract<Action, `space.${string}`>,
  path: string,
): Promise<Actor> {
  const actor = await requireActor(path);
  if (!can(actor, space)) notFound();
  return actor;
}
