// How amounts and dates are written for people: French conventions, Paris time.
import { PARIS } from "@/lib/time";

const euros = new Intl.NumberFormat("fr-FR", {
  style: "currency",
  currency: "EUR",
  maximumFractionDigits: 0,
});
const eurosCents = new Intl.NumberFormat("fr-FR", {
  style: "currency",
  currency: "EUR",
  minimumFractionDigits: 2,
});

/** 5 000 000 cents → "50 000 €"; cents are shown only when there are some. */
export function formatEuros(cents: number): string {
  return cents % 100 === 0 ? euros.format(cents / 100) : eurosCents.format(cents / 100);
}

export function formatDate(instant: Date): string {
  return new Intl.DateTimeFormat("fr-FR", {
    timeZone: PARIS,
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(instant);
}

export function formatDateTime(instant: Date): string {
  return new Intl.DateTimeFormat("fr-FR", {
    timeZone: PARIS,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  })
    .format(instant)
    .replace(":", " h ");
}

/** 2500 basis points → "25 %". */
export function formatShare(bps: number): string {
  return `${new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 }).format(bps / 100)} %`;
}

/** A count with its noun, singular for 0 and 1 as in French: (1, "lauréat") → "1 lauréat", (3, …) → "3 lauréats". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${Math.abs(count) >= 2 ? pluralForm : singular}`;
}
