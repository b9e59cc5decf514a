// Pure rules of the reminders and countdowns (no database): days are Paris calendar days, so a deadline
// "15 mars, 23 h 59" is "dans 7 jours" on the 8th whatever the hour, across a daylight-saving change too.
import { addDays, parisDate, parisEndOfDay } from "@/lib/time";

const HOUR = 3_600_000;

/** Paris calendar days from `now` to `deadline` (0: the deadline is today; negative: it has passed). */
export function parisDaysUntil(now: Date, deadline: Date): number {
  const [a, b] = [parisDate(now), parisDate(deadline)].map((d) => Date.parse(`${d}T00:00:00Z`)) as [
    number,
    number,
  ];
  return Math.round((b - a) / 86_400_000);
}

/**
 * The reminder due `daysLeft` days before a deadline, given its thresholds (e.g. [7, 1]): the tightest threshold
 * reached, until the deadline day. A person reminded every day from the first threshold gets each reminder on its
 * day (the same event each day after: the notification's key keeps it to one); one who arrives late, or a day
 * the worker was down, gets the tightest reminder reached, with the days actually left.
 */
export function thresholdDue(daysLeft: number, thresholds: readonly number[]): number | null {
  if (daysLeft < 0) return null;
  const reached = thresholds.filter((t) => daysLeft <= t);
  return reached.length ? Math.min(...reached) : null;
}

/** The deadlines that may need a reminder on `now`'s Paris day: not passed, and within the largest threshold. */
export function reminderWindow(now: Date, thresholds: readonly number[]): { gt: Date; lte: Date } {
  return { gt: now, lte: parisEndOfDay(addDays(parisDate(now), Math.max(...thresholds))) };
}

/** « aujourd'hui », « demain », « dans 7 jours ». */
export function daysLeftPhrase(days: number): string {
  return days <= 0 ? "aujourd'hui" : days === 1 ? "demain" : `dans ${days} jours`;
}

export type Countdown = { state: "far" | "near" | "past"; phrase: string };

/** Days within which a deadline is shown as close. */
const NEAR_DAYS = 7;

/**
 * How a deadline reads now: « dans 12 jours » (Paris calendar days), « dans 5 heures » or « dans 20 minutes »
 * within the last day, « dépassée » once past. Near is 7 days or less.
 */
export function countdown(now: Date, deadline: Date): Countdown {
  const ms = deadline.getTime() - now.getTime();
  if (ms < 0) return { state: "past", phrase: "dépassée" };
  if (ms < 24 * HOUR) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.floor(ms / 60_000);
    const phrase =
      hours >= 2
        ? `dans ${hours} heures`
        : hours === 1
          ? "dans 1 heure"
          : minutes >= 2
            ? `dans ${minutes} minutes`
            : minutes === 1
              ? "dans 1 minute"
              : "dans moins d'une minute";
    return { state: "near", phrase };
  }
  const days = Math.max(1, parisDaysUntil(now, deadline));
  return { state: days <= NEAR_DAYS ? "near" : "far", phrase: daysLeftPhrase(days) };
}
