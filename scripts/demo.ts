// `npm run demo`: the product with its demo data, on the embedded PostgreSQL unless DATABASE_URL is set.
//   npm run demo                  development server (pages compiled on first visit)
//   npm run demo -- --production  production build, then the production server
import { spawn, spawnSync } from "node:child_process";
import { appDatabaseUrl, migrate } from "./db.ts";
import { appEnv, NEXT_BIN, PRODUCTION_SERVER_ARGS } from "./lib/app-env.ts";
import { startServer } from "./lib/database.ts";
import { ROOT } from "./lib/schema-engine.ts";
import { spawnWorker, stopWorker } from "./lib/worker-process.ts";

const production = process.argv.includes("--production");
const port = Number(process.env.PORT ?? 3000);

const server = await startServer("dev");
const url = await appDatabaseUrl(server.url);
await migrate(url);
const { seedDemo, printDemoAccounts } = await import("../prisma/seed.ts");
await seedDemo(url);
const { disconnect } = await import("@/lib/db");
await disconnect();

const env = appEnv(url, port);
if (production) {
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env,
    stdio: "inherit",
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const next = spawn(
  process.execPath,
  production ? PRODUCTION_SERVER_ARGS : [NEXT_BIN, "dev", "-p", String(port)],
  { cwd: ROOT, env, stdio: "inherit" },
);
// The production server starts its own worker; the development server needs one beside it.
const worker = production ? null : spawnWorker(env);

printDemoAccounts();
console.log(`\nLa plateforme démarre sur http://localhost:${port} (Ctrl+C pour arrêter).\n`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await stopWorker(worker);
  await server.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
next.on("exit", (code) => void stop(code ?? 0));
