import "server-only";
// The worker: runs the queued jobs and the schedules. Started with the product (scripts/worker.ts, spawned
// by `npm start` and `npm run demo`) or on its own (`npm run worker`), as many as wanted on one database:
// each job is taken by one worker at a time, each schedule fires once.
import { type LogFunctionFactory, Logger, type Runner, run, runOnce } from "graphile-worker";
import pg from "pg";
import { databaseEnv, mailEnv } from "@/lib/env";
import { crontab } from "@/lib/jobs/schedules";
import { TASKS } from "@/lib/jobs/tasks";
import { checkMailServer } from "@/lib/mail/transport";

/** A job still locked after this long belongs to a worker that died (an e-mail times out after 30 s, a document in seconds). */
const STALE_LOCK_MINUTES = 10;

const logFactory: LogFunctionFactory = (scope) => (level, message) => {
  if (level === "debug") return;
  const line = `[travaux${scope.taskIdentifier ? ` ${scope.taskIdentifier}` : ""}] ${message}`;
  if (level === "error") console.error(line);
  else if (level === "warning") console.warn(line);
  else if (process.env.WORKER_VERBOSE === "1") console.info(line); // each job's start and end
};
const logger = new Logger(logFactory);

// graphile-worker 0.17 does not wait for a job's completion to be written unless completions are batched: a
// worker stopped right after a job would leave it locked (its e-mail sent) until the stale lock is released.
// With a batch delay of 0 the completion is written, and awaited by stop(), at once.
const preset = { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } };

export type WorkerOptions = {
  concurrency?: number;
  pollInterval?: number;
  schedules?: boolean;
  staleLockMinutes?: number;
};

function pool(size: number): pg.Pool {
  const p = new pg.Pool({
    connectionString: databaseEnv().DATABASE_URL,
    max: size,
    options: "-c TimeZone=UTC",
  });
  const lost = (error: Error) =>
    console.error(`[travaux] connexion à la base perdue : ${error.message}`);
  p.on("error", lost);
  p.on("connect", (client) => client.on("error", lost));
  return p;
}

/** Checks the configuration (a bad SMTP_URL stops here, with its reason) and starts the worker. */
export async function startWorker(
  options: WorkerOptions = {},
): Promise<{ stop(): Promise<void>; runner: Runner }> {
  mailEnv(); // throws « Configuration invalide (SMTP_URL : …) »
  const unreachable = await checkMailServer();
  if (unreachable)
    console.warn(
      `[travaux] le serveur SMTP ne répond pas (${unreachable}) : les e-mails attendront dans la file et seront réessayés.`,
    );
  const concurrency = options.concurrency ?? 5;
  const pgPool = pool(concurrency + 2);
  await releaseStaleLocks(pgPool, options.staleLockMinutes ?? STALE_LOCK_MINUTES);
  const runner = await run({
    preset,
    pgPool,
    concurrency,
    pollInterval: options.pollInterval ?? 2000,
    noHandleSignals: true,
    logger,
    taskList: TASKS,
    parsedCronItems: options.schedules === false ? [] : crontab(),
  });
  const sweep = setInterval(
    () =>
      void releaseStaleLocks(pgPool, options.staleLockMinutes ?? STALE_LOCK_MINUTES).catch(
        () => {},
      ),
    60_000,
  );
  sweep.unref();
  return {
    runner,
    /** Takes no new job, lets the running ones finish (or fail, to be retried), then closes its connections. */
    async stop() {
      clearInterval(sweep);
      await runner.stop();
      await pgPool.end();
    },
  };
}

/** Runs every job due now, then returns (tests, `npm run worker -- --once`). */
export async function runDueJobs(): Promise<void> {
  const pgPool = pool(3);
  try {
    await runOnce({
      preset,
      pgPool,
      concurrency: 1,
      noHandleSignals: true,
      logger,
      taskList: TASKS,
    });
  } finally {
    await pgPool.end();
  }
}

/**
 * graphile-worker keeps the jobs of a worker that was killed locked for four hours: they are given back to
 * the queue once their lock is older than `minutes` (the product's notifications are idempotent, so a job
 * given back while it still ran does no harm).
 */
async function releaseStaleLocks(pgPool: pg.Pool, minutes: number): Promise<number> {
  const { rows } = await pgPool.query<{ locked_by: string }>(
    "SELECT DISTINCT locked_by FROM graphile_worker._private_jobs WHERE locked_at < now() - make_interval(secs => $1) AND locked_by IS NOT NULL",
    [minutes * 60],
  );
  if (rows.length) {
    await pgPool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [
      rows.map((r) => r.locked_by),
    ]);
    console.warn(
      `[travaux] travaux d'un processus arrêté rendus à la file : ${rows.map((r) => r.locked_by).join(", ")}`,
    );
  }
  return rows.length;
}
