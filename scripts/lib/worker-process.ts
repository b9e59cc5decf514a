// The worker beside a web server (`npm start`, `npm run demo`): a child process, since the worker's code runs
// under React's server condition and Next.js's server must not. WORKER=off leaves it out (a deployment whose
// workers run on their own with `npm run worker`).
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { ROOT } from "./schema-engine.ts";

export const WORKER_ARGS = [
  "--conditions=react-server",
  "--import",
  "tsx",
  path.join(ROOT, "scripts/worker.ts"),
];

export function spawnWorker(env: NodeJS.ProcessEnv): ChildProcess | null {
  if (env.WORKER === "off") return null;
  return spawn(process.execPath, WORKER_ARGS, { cwd: ROOT, env, stdio: "inherit" });
}

/** Asks the worker to stop after its jobs in flight, and waits for it (at most `ms`, then kills it). */
export async function stopWorker(worker: ChildProcess | null, ms = 30_000): Promise<void> {
  if (!worker || worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.once("exit", resolve));
  worker.kill("SIGTERM");
  const timer = setTimeout(() => worker.kill("SIGKILL"), ms);
  await exited;
  clearTimeout(timer);
}
