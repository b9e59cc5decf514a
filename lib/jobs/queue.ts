import "server-only";
import type { Tx } from "@/lib/db";
// The product's job queue is graphile-worker's, in the application's own PostgreSQL database (schema
// graphile_worker, migrated with the product's migrations). A job is added by the transaction that makes
// the change it follows from: if that transaction rolls back, there is no job; if it commits, the job is
// there even if the process dies the next instant. The worker (lib/jobs/worker.ts) runs the tasks.
import { Prisma } from "@/lib/generated/prisma/client";

/** The tasks of the product and their payloads (lib/jobs/tasks.ts runs them). */
export type JobPayloads = {
  "notification.deliver": { id: string };
  "decision.letter": { applicationId: string; event: "publication" | "promotion" };
  "convention.document": { conventionId: string };
};
export type TaskName = keyof JobPayloads;

/**
 * Attempts before a job is given up: graphile-worker waits exp(min(attempt, 10)) seconds between two, so
 * twelve attempts span about 16 hours (an SMTP server down overnight); then the failure shows in the log.
 */
export const MAX_ATTEMPTS = 12;

/**
 * Adds one job per payload, in `tx`. `key` (the job_key) keeps a single waiting job per key: adding the same
 * key again replaces the waiting one instead of doubling it.
 */
export async function enqueue<T extends TaskName>(
  tx: Tx,
  task: T,
  jobs: { payload: JobPayloads[T]; key: string }[],
): Promise<void> {
  if (!jobs.length) return;
  const payloads = jobs.map((j) => JSON.stringify(j.payload));
  const keys = jobs.map((j) => j.key);
  await tx.$executeRaw(Prisma.sql`
    SELECT graphile_worker.add_job(${task}, j.payload::json, job_key => j.key, max_attempts => ${MAX_ATTEMPTS}::int)
    FROM unnest(${payloads}::text[], ${keys}::text[]) AS j(payload, key)`);
}
