import "server-only";
// What the worker runs: each task reads its payload (checked, since a job outlives the code that queued it)
// and calls the product's function. A payload that no longer matches fails once with a clear log line.
import type { Task, TaskList } from "graphile-worker";
import { produceConventionDocument } from "@/lib/conventions/mutations";
import type { TaskName } from "@/lib/jobs/queue";
import { runSchedule, SCHEDULES, type ScheduleName } from "@/lib/jobs/schedules";
import { produceDecisionLetter } from "@/lib/national/mutations";
import { deliverNotification } from "@/lib/notifications/mutations";
import * as z from "@/lib/zod";

const schemas = {
  "notification.deliver": z.object({ id: z.string().min(1) }),
  "decision.letter": z.object({
    applicationId: z.string().min(1),
    event: z.enum(["publication", "promotion"]),
  }),
  "convention.document": z.object({ conventionId: z.string().min(1) }),
} satisfies Record<TaskName, z.ZodType>;

function task<T extends TaskName>(
  name: T,
  run: (
    payload: z.infer<(typeof schemas)[T]>,
    job: { jobId: string; attempt: number; maxAttempts: number },
  ) => Promise<void>,
): Task {
  return async (payload, helpers) => {
    const parsed = schemas[name].safeParse(payload);
    if (!parsed.success) {
      // Not thrown: retrying an unreadable payload would only fail again.
      helpers.logger.error(
        `Travail « ${name} » ${helpers.job.id} abandonné : contenu inattendu ${JSON.stringify(payload)}.`,
      );
      return;
    }
    await run(parsed.data as z.infer<(typeof schemas)[T]>, {
      jobId: String(helpers.job.id),
      attempt: helpers.job.attempts,
      maxAttempts: helpers.job.max_attempts,
    });
  };
}

const scheduled = Object.fromEntries(
  (Object.keys(SCHEDULES) as ScheduleName[]).map((name) => [
    name,
    (async (payload) => {
      const fireAt = (payload as { _cron?: { ts?: string } })._cron?.ts;
      await runSchedule(name, fireAt ? new Date(fireAt) : new Date());
    }) satisfies Task,
  ]),
);

export const TASKS: TaskList = {
  "notification.deliver": task("notification.deliver", ({ id }, job) =>
    deliverNotification(id, job),
  ),
  "decision.letter": task("decision.letter", ({ applicationId, event }) =>
    produceDecisionLetter(applicationId, event),
  ),
  "convention.document": task("convention.document", ({ conventionId }) =>
    produceConventionDocument(conventionId),
  ),
  ...scheduled,
};
