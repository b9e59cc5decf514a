import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// A device where a person signed in before (OWASP's « device cookie »): the browser keeps a proof, signed
// with the server's secret, that this account signed in from it. Failures made elsewhere never lock such a
// device out: an attacker guessing passwords from other machines cannot bar the owner from their own.

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The cookie of one account on this device (a browser may know several accounts). */
export function deviceCookieName(email: string, secure: boolean): string {
  const account = createHash("sha256").update(email).digest("hex").slice(0, 16);
  return `${secure ? "__Host-" : ""}ptce-appareil-${account}`;
}

function signature(email: string, issuedAt: number, secret: string): string {
  return createHmac("sha256", secret).update(`appareil:${email}:${issuedAt}`).digest("base64url");
}

/** A new proof for `email` on this device, valid a year. */
export function deviceProof(email: string, secret: string, now = Date.now()) {
  const issuedAt = Math.floor(now / 1000);
  return { value: `${issuedAt}.${signature(email, issuedAt, secret)}`, maxAge: ONE_YEAR_SECONDS };
}

/** The proof's own identifier when it is genuine, for `email` and not older than a year; else null. */
export function verifiedDevice(
  proof: string | undefined,
  email: string,
  secret: string,
  now = Date.now(),
): string | null {
  const [issued, sent] = (proof ?? "").split(".");
  const issuedAt = Number(issued);
  if (!sent || !Number.isInteger(issuedAt) || now / 1000 - issuedAt > ONE_YEAR_SECONDS) return null;
  const expected = Buffer.from(signature(email, issuedAt, secret));
  const received = Buffer.from(sent);
  return expected.length === received.length && timingSafeEqual(expected, received) ? sent : null;
}

/** The value of a cookie in a `Cookie` header. */
export function cookieValue(cookieHeader: string, name: string): string | undefined {
  for (const pair of cookieHeader.split(";")) {
    const at = pair.indexOf("=");
    if (at > 0 && pair.slice(0, at).trim() === name)
      return decodeURIComponent(pair.slice(at + 1).trim());
  }
  return undefined;
}
