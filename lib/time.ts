// Dates are stored in UTC and read by people in Europe/Paris time. A deadline "2 novembre 2025"
// means 23:59:59 of that day in Paris, whatever the server's own time zone.
export const PARIS = "Europe/Paris";

function parisOffsetMs(instant: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: PARIS,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The UTC instant of a wall-clock time in Paris; `date` is YYYY-MM-DD, `time` HH:MM[:SS]. */
export function parisTimeToUtc(date: string, time = "00:00:00"): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm, ss = 0] = time.split(":").map(Number) as [number, number, number?];
  const wall = Date.UTC(y, m - 1, d, hh, mm, ss);
  // The offset at the guessed instant, corrected once for a DST change between the two.
  let instant = wall - parisOffsetMs(new Date(wall));
  instant = wall - parisOffsetMs(new Date(instant));
  return new Date(instant);
}

/** The end of a day in Paris (23:59:59), as a deadline is meant. */
export function parisEndOfDay(date: string): Date {
  return parisTimeToUtc(date, "23:59:59");
}

/** The calendar date (YYYY-MM-DD) of an instant in Paris. */
export function parisDate(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: PARIS,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
