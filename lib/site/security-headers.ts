import { randomBytes } from "node:crypto";

// The headers that depend on the request or the deployment, written by the production server
// (scripts/server.ts) on every answer; the fixed ones are in next.config.ts.

/** A fresh nonce for one answer: 128 random bits, base64. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of one answer. Scripts run only with this answer's nonce (Next.js puts it on
 * its own scripts when it finds the policy on the request) or when loaded by such a script; styles come
 * from the site's files or carry the nonce (style attributes, which cannot run code, stay allowed); nothing
 * may frame the site, and forms post to it only.
 */
export function contentSecurityPolicy(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Two years, subdomains included, as the ANSSI recommends; sent only when the site is served over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** The nonce the server wrote for this request (x-nonce), for the few scripts the layout writes itself. */
export const NONCE_HEADER = "x-nonce";
