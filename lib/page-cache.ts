// The production server's cache of rendered pages (scripts/server.ts). The cells' pages are read far
// more than the data behind them changes: twenty people of a region reload a 500-row table that costs
// tens of milliseconds to render. A page rendered for a person is kept and served again to that same
// person only while the database is exactly as it was — the key holds PostgreSQL's snapshot (no
// transaction has committed since, anywhere), the minute (pages that depend on the time of day,
// such as a deadline passing, are at most a minute late) and the person's session, checked on every
// request. Anything else (another person, a write, an expired session, a client-side navigation)
// goes to Next.js as usual. No "server-only": this runs in the server process, outside the bundle.
import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";
import { sessionClaims, sessionTokenOf } from "@/lib/auth/session-token";

/** The pages worth keeping: the cells' signed-in pages, heavy to render and read again and again. */
export const CACHED_PATHS = /^\/(cra|cna)(\/|$|\?)/;

/** The database's state: equal twice only if no transaction committed in between (nor is one left in progress). */
export const DATABASE_STAMP_SQL = "SELECT pg_current_snapshot()::text AS stamp";

export type StoredPage = { status: number; headers: Record<string, string | string[]>; body: Buffer };

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
  /** the database's current state, by DATABASE_STAMP_SQL */
  databaseStamp: () => Promise<string>;
  secret: string;
  maxBytes: number;
  now?: () => number;
};

/** Next.js's handler with the page cache in front of it. */
export function withPageCache({ handle, databaseStamp, secret, maxBytes, now = Date.now }: Options) {
  const store = new PageStore(maxBytes);
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const key = await keyOf(req, databaseStamp, secret, now()).catch(() => null);
    if (!key) return handle(req, res);
    const hit = store.get(key);
    if (hit) {
      res.writeHead(hit.status, { ...hit.headers, "content-length": String(hit.body.length), "x-page-cache": "hit" });
      res.end(hit.body);
      return;
    }
    record(res, (page) => store.set(key, page));
    return handle(req, res);
  };
  return Object.assign(handler, { store });
}

/** The key of a request whose answer may be kept, or null. */
async function keyOf(req: IncomingMessage, databaseStamp: () => Promise<string>, secret: string, now: number): Promise<string | null> {
  if (req.method !== "GET" || !CACHED_PATHS.test(req.url ?? "")) return null;
  // Client-side navigations and prefetches ask for another format of the same address.
  if (req.headers.rsc || req.headers["next-router-state-tree"] || req.headers["next-router-prefetch"] || req.headers["next-action"]) return null;
  const claims = await sessionClaims(sessionTokenOf(req.headers.cookie ?? ""), secret, now);
  if (!claims) return null;
  const encoding = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) ? "gzip" : "identity";
  return [claims.userId, claims.sessionVersion, encoding, req.url, Math.floor(now / 60_000), await databaseStamp()].join("\n");
}

/** Copies the answer as Next.js writes it; keeps it when it is a complete page meant for this person only. */
function record(res: ServerResponse, keep: (page: StoredPage) => void): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array));
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
    if (res.statusCode !== 200 || headers["set-cookie"] || !String(headers["content-type"] ?? "").startsWith("text/html")) return;
    const body = Buffer.concat(chunks);
    // A page streamed with status 200 may still carry an error, a late "not found" or a redirection
    // for the browser to apply: Next.js marks each with a digest. Such a page is never kept.
    if (body.includes("digest") || (headers["content-encoding"] && headers["content-encoding"] !== "gzip")) return;
    if (headers["content-encoding"] === "gzip" && gunzipSync(body).includes("digest")) return;
    const kept: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) if (value !== undefined && !SENT_BY_NODE.includes(name)) kept[name] = Array.isArray(value) ? value : String(value);
    keep({ status: 200, headers: kept, body });
  });
}

/** Headers Node writes for each answer itself. */
const SENT_BY_NODE = ["content-length", "transfer-encoding", "date", "connection", "keep-alive"];
