import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

// The one PrismaClient of the process, created on first use and kept across hot reloads.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient(): PrismaClient {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = databaseEnv();
  // Timestamps are stored without time zone, in UTC: the session's zone must be UTC too, or times
  // set by the database itself (defaults, now()) would be in the server's local time.
  // pg's pool drops a connection that broke (a restart of PostgreSQL, a failover) and opens a new one on the next
  // query, so the product reconnects by itself; the timeout makes a server that does not answer at all fail the
  // request (UNAVAILABLE, « réessayez ») instead of holding it forever, and keep-alive finds dead connections.
  const pool = new pg.Pool({
    connectionString: DATABASE_URL,
    max: DATABASE_POOL_SIZE,
    options: "-c TimeZone=UTC",
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  });
  // A connection has no "error" listener from the moment the pool hands it to a transaction until the
  // transaction's code runs: when PostgreSQL shuts down, its FATAL message can arrive in that gap (in the same
  // packet as the previous query's end), and an "error" event without a listener is an uncaught exception that
  // ends the process (seen in tests/integration/database-restart.test.ts). The query that used the connection
  // fails on its own and the pool drops the connection: the listener only has to exist.
  pool.on("connect", (client) => client.on("error", () => {}));
  pool.on("error", () => {}); // an idle connection lost: the pool drops it
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

export function db(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

/** A transaction client, as received by `db().$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export async function disconnect(): Promise<void> {
  await globalForPrisma.prisma?.$disconnect();
  globalForPrisma.prisma = undefined;
}
