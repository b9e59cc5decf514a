/**
 * The client's address as seen by the last trusted proxy: X-Forwarded-For is written by the client
 * first and by each proxy after, so only the entry added by our own proxy can be believed.
 * TRUSTED_PROXY_HOPS (default 1) is the number of proxies in front of the app; 0 ignores the header.
 */
export function clientIp(
  headers: Record<string, unknown> | undefined,
  hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 1),
): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  if (hops < 1 || typeof forwarded !== "string") return null;
  const entries = forwarded
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  return entries[entries.length - hops] ?? null;
}
