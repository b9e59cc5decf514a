/**
 * The client's address, decided once by the production server (scripts/server.ts) before Next.js sees
 * the request: X-Forwarded-For is written by the client first and by each proxy after, so only the
 * entries added by our own proxies can be believed. With `hops` trusted proxies in front of the app
 * (TRUSTED_PROXY_HOPS, none by default), the client is the address the outermost of them saw; with none,
 * the address of the connection itself, whatever the header says.
 */
export function trustedClientAddress(
  forwarded: string | string[] | undefined,
  socketAddress: string | undefined,
  hops: number,
): string | undefined {
  const claimed = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""))
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const chain = socketAddress ? [...claimed, socketAddress] : claimed;
  // Fewer entries than proxies announced: the farthest one known, as no client could have added it.
  return chain[Math.max(0, chain.length - 1 - hops)];
}

/** The number of trusted proxies in front of the app (TRUSTED_PROXY_HOPS; 0 when unset or invalid). */
export function trustedProxyHops(value = process.env.TRUSTED_PROXY_HOPS): number {
  const hops = Number(value ?? 0);
  return Number.isInteger(hops) && hops > 0 ? hops : 0;
}

/** The client's address the server wrote into X-Forwarded-For (one entry), or null when unknown. */
export function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  if (typeof forwarded !== "string") return null;
  return forwarded.split(",")[0]?.trim() || null;
}
