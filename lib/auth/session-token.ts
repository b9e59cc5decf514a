// The claims of a session cookie. next-auth's `getServerSession` decrypts the cookie, runs the
// callbacks and encrypts a renewed one on every call (two key derivations and two AES passes, a
// millisecond a page), although a server component cannot send the renewed cookie; a token's
// claims never change, so each token is decrypted once and its expiry checked on every use.
// No "server-only" here: the production server's page cache (lib/page-cache.ts) reads it too.
import { decode } from "next-auth/jwt";
import { VersionedMemo } from "@/lib/memo";

/** The session cookie's name: `__Host-` prefixed when the site is served over https (lib/auth/options.ts). */
export const SECURE_SESSION_COOKIE = "__Host-next-auth.session-token";
export const SESSION_COOKIE = "next-auth.session-token";
const SESSION_COOKIES = [SECURE_SESSION_COOKIE, SESSION_COOKIE] as const;

export type SessionClaims = { userId: string; sessionVersion: number; expiresAt: number };

const decoded = new VersionedMemo<Promise<SessionClaims | null>>(10_000);

async function decodeClaims(token: string, secret: string): Promise<SessionClaims | null> {
  const jwt = await decode({ token, secret }).catch(() => null);
  return jwt && typeof jwt.uid === "string" && typeof jwt.exp === "number"
    ? { userId: jwt.uid, sessionVersion: Number(jwt.sv ?? 0), expiresAt: jwt.exp * 1000 }
    : null;
}

/** The signed-in user a session token names, or null when it is forged, damaged or expired. */
export async function sessionClaims(
  token: string | undefined,
  secret: string,
  now = Date.now(),
): Promise<SessionClaims | null> {
  if (!token) return null;
  // The secret is the version: a token read under another secret is read again.
  const claims = await decoded.get(token, secret, () => decodeClaims(token, secret));
  return claims && claims.expiresAt > now ? claims : null;
}

/** The session cookies of a request's `Cookie` header, in the order they were sent. */
function sessionCookiesOf(cookieHeader: string): { name: string; value: string }[] {
  const found: { name: string; value: string }[] = [];
  for (const pair of cookieHeader.split(";")) {
    const at = pair.indexOf("=");
    const name = pair.slice(0, at).trim();
    if (at > 0 && (SESSION_COOKIES as readonly string[]).includes(name))
      found.push({ name, value: pair.slice(at + 1).trim() });
  }
  return found;
}

/**
 * The session token of a request's `Cookie` header: the first `__Host-` one, else the first plain one.
 * The one reading of the session: the pages (lib/auth/session.ts) and the page cache (lib/page-cache.ts)
 * both read it from the raw header through this function, so they always name the same person.
 */
export function sessionTokenOf(cookieHeader: string): string | undefined {
  const cookies = sessionCookiesOf(cookieHeader);
  for (const name of SESSION_COOKIES) {
    const value = cookies.find((c) => c.name === name)?.value;
    if (value) return decodeURIComponent(value);
  }
  return undefined;
}

/** More than one session cookie (two people's, or a planted one): the page cache leaves such a request alone. */
export function hasSeveralSessions(cookieHeader: string): boolean {
  return sessionCookiesOf(cookieHeader).length > 1;
}
