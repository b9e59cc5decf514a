// The claims of a session cookie. next-auth's `getServerSession` decrypts the cookie, runs the
// callbacks and encrypts a renewed one on every call (two key derivations and two AES passes, a
// millisecond a page), although a server component cannot send the renewed cookie; a token's
// claims never change, so each token is decrypted once and its expiry checked on every use.
// No "server-only" here: the production server's page cache (lib/page-cache.ts) reads it too.
import { decode } from "next-auth/jwt";
import { VersionedMemo } from "@/lib/memo";

/** next-auth's names for the session cookie: with the `__Secure-` prefix when the site is served over HTTPS. */
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

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

/** The session token among a request's cookies (a `Cookie` header, or Next.js's cookie store). */
export function sessionTokenOf(
  cookies: string | { get(name: string): { value: string } | undefined },
): string | undefined {
  if (typeof cookies !== "string")
    return SESSION_COOKIES.map((name) => cookies.get(name)?.value).find(Boolean);
  for (const name of SESSION_COOKIES) {
    const match = cookies.match(new RegExp(`(?:^|;\\s*)${name.replace(/[.]/g, "\\.")}=([^;]+)`));
    if (match) return decodeURIComponent(match[1]!);
  }
  return undefined;
}
