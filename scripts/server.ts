// `npm start`: the production server. Next.js's own request handler (as `next start`), with the page
// cache of lib/page-cache.ts in front of the cells' pages, and the job queue's worker beside it (a child
// process, scripts/worker.ts). Run after `npm run build`.
//   PORT (3000, on every interface), PAGE_CACHE_MB (64; 0 turns the cache off), WORKER (off: no worker here),
//   TRUSTED_PROXY_HOPS (reverse proxies in front, 0 by default: X-Forwarded-For is then ignored)
// On SIGTERM/SIGINT it stops taking requests, lets those in flight and the worker's jobs finish, then exits.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import pg from "pg";
import { trustedClientAddress, trustedProxyHops } from "@/lib/auth/client-ip";
import { exitOnProductionConfigurationProblems } from "@/lib/config-checks";
import { logAsJson, requestIdOf, withRequestId } from "@/lib/logging";
import { withPageCache } from "@/lib/page-cache";
import {
  contentSecurityPolicy,
  NONCE_HEADER,
  newNonce,
  STRICT_TRANSPORT_SECURITY,
} from "@/lib/site/security-headers";
import { spawnWorker, stopWorker } from "./lib/worker-process.ts";

Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production" });
exitOnProductionConfigurationProblems();
logAsJson("web");
const { default: next } = await import("next");
const ROOT = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const cacheBytes = Number(process.env.PAGE_CACHE_MB ?? 64) * 1024 * 1024;
const proxyHops = trustedProxyHops();
const https = (process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? "").startsWith("https:");

const app = next({ dev: false, dir: ROOT, port });
await app.prepare();
const handle = app.getRequestHandler();

// Its own few connections: the stamp is asked before every cached page, never inside the app's pool.
const statementNames = new Map<string, string>();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
pool.on("error", (error) =>
  console.error("Cache de pages : connexion à la base perdue", error.message),
);
const handler =
  cacheBytes > 0 && process.env.DATABASE_URL && process.env.NEXTAUTH_SECRET
    ? withPageCache({
        handle: (req, res) => handle(req, res),
        // Named, so that each connection parses and plans the stamp's query once.
        stamp: async (sql, params) =>
          (
            await pool.query<{ stamp: string }>({
              name: statementName(sql),
              text: sql,
              values: params,
            })
          ).rows[0]!.stamp,
        secret: process.env.NEXTAUTH_SECRET,
        maxBytes: cacheBytes,
      })
    : (req: Parameters<typeof handle>[0], res: Parameters<typeof handle>[1]) => handle(req, res);

// The headers that depend on the request, and the one client address the app believes.
function secureExchange(req: IncomingMessage, res: ServerResponse) {
  // A nonce per answer, on the request (Next.js reads the policy there to mark its scripts) and on the
  // answer. A page the cache serves again carries the policy it was kept with, whose nonce it holds.
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, https);
  req.headers["content-security-policy"] = policy;
  req.headers[NONCE_HEADER] = nonce;
  res.setHeader("Content-Security-Policy", policy);
  if (https) res.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  // X-Forwarded-For as the trusted proxies wrote it (the sign-in and sign-up limits): a client's own is dropped.
  const client = trustedClientAddress(
    req.headers["x-forwarded-for"],
    req.socket.remoteAddress,
    proxyHops,
  );
  if (client) req.headers["x-forwarded-for"] = client;
  else delete req.headers["x-forwarded-for"];
}

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `stamp${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name;
}

const server = createServer((req, res) => {
  secureExchange(req, res);
  // One id per request, on every line logged while it is served and in the answer (X-Request-Id).
  const requestId = requestIdOf(req.headers["x-request-id"]);
  req.headers["x-request-id"] = requestId;
  res.setHeader("X-Request-Id", requestId);
  withRequestId(requestId, () =>
    handler(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Erreur interne du serveur");
    }),
  );
});
server.listen(port, () => console.log(`Serveur de production prêt sur http://localhost:${port}`));
const worker = spawnWorker(process.env);
// Without its worker the product would take commands whose e-mails never leave: the server stops too (a
// configuration error shows at start-up; a supervisor restarts both).
worker?.on("exit", (code, signal) => {
  if (stopping) return;
  console.error(
    `[travaux] le processus de la file s'est arrêté (${signal ?? code}) : le serveur s'arrête aussi.`,
  );
  void stop(1);
});

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  // No new request; those in flight finish (idle keep-alive connections are closed at once).
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  const deadline = setTimeout(() => server.closeAllConnections(), 25_000);
  await Promise.allSettled([closed, stopWorker(worker)]);
  clearTimeout(deadline);
  await Promise.allSettled([pool.end(), app.close()]);
  process.exit(code);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
