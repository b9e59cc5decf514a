// The server the end-to-end tests run against: a fresh database (on DATABASE_URL's server, else
// the embedded PostgreSQL) migrated and seeded with the demo data, and the production build.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { appEnv, PRODUCTION_SERVER_ARGS } from "./lib/app-env.ts";
import { createDatabase, dropDatabase, startServer } from "./lib/database.ts";
import { applyMigrations, ROOT } from "./lib/schema-engine.ts";

const port = Number(process.env.E2E_PORT ?? 3100);
const server = await startServer("test", false);
const url = await createDatabase(server.url, "ptce_e2e");
await applyMigrations(url);
// The demo data is written before the mailbox of the tests listens: its e-mails go to the log.
const smtpUrl = process.env.SMTP_URL;
delete process.env.SMTP_URL;
const { seedDemo } = await import("../prisma/seed.ts");
await seedDemo(url);
const { seedScenarios } = await import("../tests/e2e/scenarios/index.ts");
await seedScenarios();
if (smtpUrl) process.env.SMTP_URL = smtpUrl;
const { disconnect } = await import("@/lib/db");
await disconnect();
// For specs that start another instance on the same database or look into it (tests/e2e/instances.spec.ts).
const E2E_DATABASE_URL_FILE = path.join(ROOT, ".data/e2e-database-url");
mkdirSync(path.dirname(E2E_DATABASE_URL_FILE), { recursive: true });
writeFileSync(E2E_DATABASE_URL_FILE, url, { mode: 0o600 });

const next = spawn(process.execPath, PRODUCTION_SERVER_ARGS, {
  cwd: ROOT,
  env: appEnv(url, port),
  stdio: "inherit",
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null && next.signalCode === null) {
    next.kill("SIGTERM");
    await new Promise((resolve) => next.once("exit", resolve));
  }
  rmSync(E2E_DATABASE_URL_FILE, { force: true });
  await dropDatabase(url).catch(() => {});
  await server.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
next.on("exit", () => void stop());
