// A deadline where people work: « Date limite de dépôt : 15 mars 2026 à 23 h 59 (heure de Paris) — dans 12 jours ».
// A server component (no client JavaScript): the page is rendered per request, so the countdown is right when
// read. Its badge is coloured when the deadline is close (7 days or less) or past, and says so in words.
import type { ReactNode } from "react";
import { formatDateTime, plural } from "@/lib/format";
import { countdown, parisDaysUntil } from "@/lib/reminders/rules";

const BADGE = { far: "", near: " fr-badge--warning", past: " fr-badge--error" } as const;

/** « dépassée depuis 3 jours », « dépassée depuis 2 heures ». */
function lateness(now: Date, at: Date): string {
  const hours = Math.floor((now.getTime() - at.getTime()) / 3_600_000);
  if (hours < 1) return "dépassée depuis moins d'une heure";
  if (hours < 24) return `dépassée depuis ${plural(hours, "heure")}`;
  return `dépassée depuis ${plural(Math.max(1, -parisDaysUntil(now, at)), "jour")}`;
}

export function Deadline({
  label,
  at,
  now,
  children,
  className,
}: {
  label: string;
  at: Date;
  now: Date;
  children?: ReactNode;
  className?: string;
}) {
  const { state, phrase } = countdown(now, at);
  return (
    <p className={className ?? "fr-mb-2w"}>
      {label} :{" "}
      <strong>
        <time dateTime={at.toISOString()}>{formatDateTime(at)}</time>
      </strong>{" "}
      (heure de Paris) —{" "}
      <span className={`fr-badge fr-badge--sm${BADGE[state]}`}>
        {state === "past" ? lateness(now, at) : phrase}
      </span>
      {children}
    </p>
  );
}
