import "server-only";
// The work the product does by itself, at set times (no outside cron): graphile-worker's crontab fires each
// schedule once across all workers, even with several. Cron times are UTC; the daily work is meant for
// 08:00 in Paris, so it is fired at 06:00 and 07:00 UTC and runs only at the one that is 08:00 in Paris
// (summer or winter time). Each piece of work is idempotent: a reminder is a notification, unique per event.
import { parseCrontab, type ParsedCronItem } from "graphile-worker";
import { sendReportReminders } from "@/lib/reports/reminders";
import { PARIS } from "@/lib/time";

export const DAILY_HOUR_IN_PARIS = 8;

type Schedule = { cron: string; run: (now: Date) => Promise<unknown>; daily?: boolean };

export const SCHEDULES = {
  "schedule.daily-reminders": { cron: "0 6,7 * * *", daily: true, run: (now) => sendReportReminders(now) },
} satisfies Record<string, Schedule>;
export type ScheduleName = keyof typeof SCHEDULES;

/** The crontab of the worker: each schedule, with a day of backfill (a worker down at 08:00 catches up). */
export function crontab(): ParsedCronItem[] {
  return parseCrontab(Object.entries(SCHEDULES).map(([name, s]) => `${s.cron} ${name} ?fill=1d&max=3`).join("\n"));
}

export async function runSchedule(name: ScheduleName, firedAt: Date): Promise<void> {
  const schedule: Schedule = SCHEDULES[name];
  if (schedule.daily && parisHour(firedAt) !== DAILY_HOUR_IN_PARIS) return;
  await schedule.run(firedAt);
}

function parisHour(instant: Date): number {
  return Number(new Intl.DateTimeFormat("fr-FR", { timeZone: PARIS, hour: "2-digit", hourCycle: "h23" }).format(instant));
}
