import "server-only";
// The work the product does by itself, at set times (no outside cron): graphile-worker's crontab fires each
// schedule once across all workers, even with several. Cron times are UTC; the daily work is meant for
// 08:00 in Paris, so it is fired at 06:00 and 07:00 UTC and runs only at the one that is 08:00 in Paris
// (summer or winter time). Each piece of work is idempotent: a reminder is a notification, unique per event and
// person, and an expiry a conditional update; a second run, or two workers at once, change nothing more.
import { type ParsedCronItem, parseCrontab } from "graphile-worker";
import { expireComplementRequests } from "@/lib/applications/mutations";
import { writeAuditCheckpoint } from "@/lib/audit/checkpoint";
import {
  remindDepositDeadline,
  remindEvaluationDeadline,
  remindRegionalDeadline,
  remindSignatureDeadline,
} from "@/lib/reminders/mutations";
import { sendReportReminders } from "@/lib/reports/mutations";
import { PARIS } from "@/lib/time";

const DAILY_HOUR_IN_PARIS = 8;

/** The reminders of the morning, each `(now) => { notified }`; one failing does not keep the others from running. */
const DAILY_REMINDERS = {
  deposit: remindDepositDeadline,
  evaluation: remindEvaluationDeadline,
  regional: remindRegionalDeadline,
  signature: remindSignatureDeadline,
  reports: sendReportReminders,
} satisfies Record<string, (now: Date) => Promise<{ notified: number }>>;

async function runDailyReminders(now: Date): Promise<Record<keyof typeof DAILY_REMINDERS, number>> {
  const counts = {} as Record<keyof typeof DAILY_REMINDERS, number>;
  const failed: string[] = [];
  for (const [name, remind] of Object.entries(DAILY_REMINDERS) as [
    keyof typeof DAILY_REMINDERS,
    (now: Date) => Promise<{ notified: number }>,
  ][]) {
    try {
      counts[name] = (await remind(now)).notified;
    } catch (error) {
      failed.push(`${name} : ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // Thrown once the others ran: the job is retried, and what was already written is not written again.
  if (failed.length) throw new Error(`Rappels du jour en échec (${failed.join(" ; ")})`);
  return counts;
}

/**
 * A schedule's name is its task's name in graphile-worker's crontab, which allows no dot (`schedule:…`).
 * `fill`: how far back a worker that was down catches up on start (none for the quarter-hourly work: the next run does).
 */
type Schedule = {
  cron: string;
  run: (now: Date) => Promise<unknown>;
  daily?: boolean;
  fill?: string;
};

export const SCHEDULES = {
  "schedule:daily-reminders": {
    cron: "0 6,7 * * *",
    daily: true,
    fill: "1d",
    run: runDailyReminders,
  },
  "schedule:complement-expiry": { cron: "*/15 * * * *", run: expireComplementRequests },
  // The audit log's head, signed and kept outside the database (lib/audit/checkpoint.ts).
  "schedule:audit-checkpoint": { cron: "5 * * * *", run: writeAuditCheckpoint },
} satisfies Record<string, Schedule>;
export type ScheduleName = keyof typeof SCHEDULES;

/** The crontab of the worker: each schedule, with its backfill (a worker down at 08:00 catches up on start). */
export function crontab(): ParsedCronItem[] {
  return parseCrontab(
    Object.entries(SCHEDULES)
      .map(
        ([name, s]: [string, Schedule]) =>
          `${s.cron} ${name} ?id=${name.replace(":", "_")}&${s.fill ? `fill=${s.fill}&` : ""}max=3`,
      )
      .join("\n"),
  );
}

export async function runSchedule(name: ScheduleName, firedAt: Date): Promise<void> {
  const schedule: Schedule = SCHEDULES[name];
  if (schedule.daily && parisHour(firedAt) !== DAILY_HOUR_IN_PARIS) return;
  await schedule.run(firedAt);
}

/** The hour in Paris (0–23); read from the parts, since French formatting writes « 08 h ». */
function parisHour(instant: Date): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: PARIS,
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  return Number(parts.find((p) => p.type === "hour")!.value);
}
