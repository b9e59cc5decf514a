// The production server's cache of rendered pages (scripts/server.ts). The cells' pages are read far
// more than the data behind them changes: twenty people of a region reload a 500-row table that costs
// tens of milliseconds to render. A page rendered for a person is kept and served again to that same
// person only while the data it shows is exactly as it was, as told by stamps read on every request:
// the whole database's snapshot, or for a region's pages the counters of what they show; the key
// holds the person's session, checked on every request, and the minute (pages that depend on the time
// of day, such as a deadline passing, are at most a minute late). Anything else (another person, a
// change, an expired session, a client-side navigation) goes to Next.js as usual.
// No "server-only": this runs in the server process, outside the bundle.
import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";
import { hasSeveralSessions, sessionClaims, sessionTokenOf } from "@/lib/auth/session-token";

/** The pages worth keeping: the cells' signed-in pages, heavy to render and read again and again. */
export const CACHED_PATHS = /^\/(cra|cna)(\/|$|\?)/;

/**
 * The second stamp of a region's list and dossier pages: the counters of the reader's regions and of the common
 * data, which database triggers move on every change of what these pages show (migrations
 * region_table_version and cell_page_versions; a test checks that every table is counted or never shown).
 * A change in another region leaves them as they were. A role without a region counts every region.
 * Last, the reader's own notifications (the header shows their unread count): how many, how many unread, the
 * newest and the last read, on the [userId, createdAt] index; another person's notifications leave it as it was.
 */
const REGION_PAGES = /^\/cra(\/dossiers\/[^/?]+)?\/?(\?|$)/;
export const REGION_STAMP_SQL = `
  SELECT coalesce((SELECT version FROM "CommonDataVersion" WHERE id = 1), 0)::text || '|' || coalesce((
    SELECT string_agg(v."callId" || '/' || v."regionCode" || '=' || v.version, ',' ORDER BY v."callId", v."regionCode")
    FROM "RegionTableVersion" v
    WHERE v."regionCode" IN (SELECT r."regionCode" FROM "RoleAssignment" r WHERE r."userId" = $1)
       OR EXISTS (SELECT 1 FROM "RoleAssignment" r WHERE r."userId" = $1 AND r."regionCode" IS NULL)), '') || '|' || (
    SELECT count(*) || '/' || count(*) FILTER (WHERE n."readAt" IS NULL) || '/' || coalesce(max(n."createdAt")::text, '') || '/' || coalesce(max(n."readAt")::text, '')
    FROM "Notification" n WHERE n."userId" = $1) AS stamp`;

/** The stamp of every page: the whole database's state, equal twice only if no transaction committed in between. */
const DATABASE_STAMP_SQL = "SELECT pg_current_snapshot()::text AS stamp";

export type StoredPage = {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** the stamps the page was rendered under (DATABASE_STAMP_SQL, and REGION_STAMP_SQL for a region's pages) */
  snapshot?: string;
  regions?: string;
};

/** Pages by key, the least recently used dropped first once `maxBytes` of bodies are held. */
export class PageStore {
  readonly #pages = new Map<string, StoredPage>();
  #bytes = 0;
  constructor(readonly maxBytes: number) {}

  get bytes() {
    return this.#bytes;
  }

  get(key: string): StoredPage | undefined {
    const page = this.#pages.get(key);
    if (page) {
      this.#pages.delete(key);
      this.#pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: StoredPage): void {
    if (page.body.length > this.maxBytes / 8) return;
    this.delete(key);
    this.#pages.set(key, page);
    this.#bytes += page.body.length;
    for (const [oldest] of this.#pages) {
      if (this.#bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const page = this.#pages.get(key);
    if (!page) return;
    this.#pages.delete(key);
    this.#bytes -= page.body.length;
  }
}

type Options = {
  /** Next.js's request handler */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** runs a stamp query (REGION_STAMP_SQL, DATABASE_STAMP_SQL) and answers its `stamp` */
  stamp: (sql: string, params: string[]) => Promise<string>;
  secret: string;
  maxBytes: number;
  now?: () => number;
};

/** Next.js's handler with the page cache in front of it. */
export function withPageCache({ handle, stamp, secret, maxBytes, now = Date.now }: Options) {
  const store = new PageStore(maxBytes);
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const request = await cacheable(req, secret, now()).catch(() => null);
    if (!request) return handle(req, res);
    const kept = store.get(request.key);
    let stamps: { snapshot: string; regions?: string };
    try {
      stamps = await currentStamps(request, kept);
    } catch {
      return handle(req, res); // the database unreachable: Next.js answers as it would without the cache
    }
    if (kept && kept.snapshot === stamps.snapshot) {
      res.writeHead(kept.status, {
        ...kept.headers,
        "content-length": String(kept.body.length),
        "x-page-cache": "hit",
      });
      res.end(kept.body);
      return;
    }
    record(res, (page) => store.set(request.key, { ...page, ...stamps }));
    return handle(req, res);
  };

  // First the whole database's snapshot (the cheapest question): unchanged, the page is as it was.
  // Changed, a region's page is still as it was if its own counters have not moved (the kept page then
  // takes the new snapshot). Read before a page is rendered: what it shows is as new as they are, or newer.
  async function currentStamps(
    request: { userId: string; regionScoped: boolean },
    kept: StoredPage | undefined,
  ) {
    const snapshot = await stamp(DATABASE_STAMP_SQL, []);
    if (!request.regionScoped || kept?.snapshot === snapshot) return { snapshot };
    const regions = await stamp(REGION_STAMP_SQL, [request.userId]);
    if (kept && kept.regions === regions) kept.snapshot = snapshot;
    return { snapshot, regions };
  }
  return Object.assign(handler, { store });
}

/** A request whose answer may be kept: its key (without the stamps, kept beside the page), or null. */
async function cacheable(req: IncomingMessage, secret: string, now: number) {
  if (req.method !== "GET" || !CACHED_PATHS.test(req.url ?? "")) return null;
  // Client-side navigations and prefetches ask for another format of the same address.
  if (
    req.headers.rsc ||
    req.headers["next-router-state-tree"] ||
    req.headers["next-router-prefetch"] ||
    req.headers["next-action"]
  )
    return null;
  const cookieHeader = req.headers.cookie ?? "";
  // Several session cookies: whose page would it be? Next.js answers, and nothing is kept.
  if (hasSeveralSessions(cookieHeader)) return null;
  const claims = await sessionClaims(sessionTokenOf(cookieHeader), secret, now);
  if (!claims) return null;
  const encoding = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))
    ? "gzip"
    : "identity";
  return {
    key: [claims.userId, claims.sessionVersion, encoding, req.url, Math.floor(now / 60_000)].join(
      "\n",
    ),
    userId: claims.userId,
    regionScoped: REGION_PAGES.test(req.url ?? ""),
  };
}

/** Copies the answer as Next.js writes it; keeps it when it is a complete page meant for this person only. */
function record(
  res: ServerResponse,
  keep: (page: Pick<StoredPage, "status" | "headers" | "body">) => void,
): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(
      Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array),
    );
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    collect(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse["write"];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    collect(typeof chunk === "function" ? undefined : chunk, rest[0]);
    return end(chunk, ...rest);
  }) as ServerResponse["end"];
  // "finish": the whole answer was handed to the connection (not when the reader went away midway).
  res.once("finish", () => {
    const headers = res.getHeaders();
    if (
      res.statusCode !== 200 ||
      headers["set-cookie"] ||
      !String(headers["content-type"] ?? "").startsWith("text/html")
    )
      return;
    const body = Buffer.concat(chunks);
    // A page streamed with status 200 may still carry an error, a late "not found" or a redirection
    // for the browser to apply: Next.js marks each with a digest. Such a page is never kept.
    if (
      body.includes("digest") ||
      (headers["content-encoding"] && headers["content-encoding"] !== "gzip")
    )
      return;
    if (headers["content-encoding"] === "gzip" && gunzipSync(body).includes("digest")) return;
    const kept: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers))
      if (value !== undefined && !SENT_BY_NODE.includes(name))
        kept[name] = Array.isArray(value) ? value : String(value);
    keep({ status: 200, headers: kept, body });
  });
}

/** Headers Node writes for each answer itself. */
const SENT_BY_NODE = ["content-length", "transfer-encoding", "date", "connection", "keep-alive"];
