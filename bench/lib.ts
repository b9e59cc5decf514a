// What the benchmarks share: their options, the bench database (generated once) and the production
// server pinned to core 0, the load generator keeping the other core.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { appEnv, NEXT_BIN, PRODUCTION_SERVER_ARGS } from "../scripts/lib/app-env.ts";
import { dropDatabase, ensureDatabase, startServer } from "../scripts/lib/database.ts";
import { applyMigrations, ROOT } from "../scripts/lib/schema-engine.ts";
import { BENCH_CALL_SLUG, generate } from "./generate.ts";

/** The value after `--name` on the command line. */
export const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};

/**
 * A database of the bench cluster with the national-scale data set (bench/generate.ts), generated on
 * first use or with `--regenerate`; DATABASE_URL is set to it for this process.
 */
export async function benchDatabase(name: string): Promise<{ url: string; stop(): Promise<void> }> {
  const cluster = await startServer("bench");
  let url = await ensureDatabase(cluster.url, name);
  if (process.argv.includes("--regenerate")) {
    await dropDatabase(url);
    url = await ensureDatabase(cluster.url, name);
  }
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  const { db } = await import("@/lib/db");
  if (!(await db().call.findUnique({ where: { slug: BENCH_CALL_SLUG } }))) {
    console.log("Génération des données de mesure…");
    await generate();
  }
  return { url, stop: () => cluster.stop() };
}

function pinned(core: number, command: string, args: string[]): [string, string[]] {
  return spawnSync("which", ["taskset"]).status === 0
    ? ["taskset", ["-c", String(core), command, ...args]]
    : [command, args];
}

/**
 * The production server (`npm start`) on `port`, on core 0 when `taskset` exists, built first when there
 * is no build or with `--build`; `--profile` writes its CPU profile to .data/profiles (see profile.ts).
 */
export async function startProductionServer(
  databaseUrl: string,
  port: number,
  env: Record<string, string> = {},
): Promise<{ stop(): Promise<void> }> {
  const base = `http://127.0.0.1:${port}`;
  if (
    await fetch(`${base}/api/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`Le port ${port} est déjà pris (un serveur d'une mesure précédente ?).`);
  if (!existsSync(path.join(ROOT, ".next/BUILD_ID")) || process.argv.includes("--build")) {
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("La construction de production a échoué.");
  }
  const profile = process.argv.includes("--profile")
    ? ["--cpu-prof", `--cpu-prof-dir=${path.join(ROOT, ".data/profiles")}`]
    : [];
  const [cmd, args] = pinned(0, process.execPath, [...profile, ...PRODUCTION_SERVER_ARGS]);
  // Its own process group, so that stopping it stops the server too, not only `taskset`.
  const app: ChildProcess = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...appEnv(databaseUrl, port), NEXTAUTH_URL: base, DATABASE_POOL_SIZE: "20", ...env },
    stdio: "ignore",
    detached: true,
  });
  const stop = async () => {
    try {
      process.kill(-app.pid!, "SIGTERM");
    } catch {}
    // The CPU profile is written as the server exits.
    while (app.exitCode === null && app.signalCode === null)
      await new Promise((r) => setTimeout(r, 100));
  };
  for (let i = 0; i < 120; i++) {
    if (app.exitCode !== null)
      throw new Error(`Le serveur de production s'est arrêté (port ${port} déjà pris ?).`);
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error("Le serveur de production n'a pas démarré.");
}
