import { describe, expect, it } from "vitest";
import { countdown, daysLeftPhrase, parisDaysUntil, thresholdDue } from "@/lib/reminders/rules";
import { parisEndOfDay, parisTimeToUtc } from "@/lib/time";

describe("Paris days before a deadline", () => {
  it("counts calendar days in Paris, whatever the hour and across a change of time", () => {
    const deadline = parisEndOfDay("2027-04-03"); // summer time since 28 March
    expect(parisDaysUntil(parisTimeToUtc("2027-03-27", "00:30"), deadline)).toBe(7);
    expect(parisDaysUntil(parisTimeToUtc("2027-03-27", "23:30"), deadline)).toBe(7);
    expect(parisDaysUntil(parisTimeToUtc("2027-04-03", "08:00"), deadline)).toBe(0);
    expect(parisDaysUntil(parisTimeToUtc("2027-04-05", "08:00"), deadline)).toBe(-2);
    // 22:30 UTC on 26 March is 23:30 in Paris, still the 26th (already the 27th in the tests' zone): 8 days.
    expect(parisDaysUntil(new Date("2027-03-26T22:30:00Z"), deadline)).toBe(8);
  });

  it("is due at the tightest threshold reached, until the deadline day", () => {
    expect([8, 7, 6, 2, 1, 0, -1].map((d) => thresholdDue(d, [7, 1]))).toEqual([
      null,
      7,
      7,
      7,
      1,
      1,
      null,
    ]);
    expect([3, 2].map((d) => thresholdDue(d, [7, 2]))).toEqual([7, 2]);
    expect([7, 1, 0].map(daysLeftPhrase)).toEqual(["dans 7 jours", "demain", "aujourd'hui"]);
  });
});

describe("countdown", () => {
  const deadline = parisEndOfDay("2026-03-15");
  it("reads in days, then hours and minutes on the last day; close within 7 days", () => {
    expect(countdown(parisTimeToUtc("2026-03-03", "10:00"), deadline)).toEqual({
      state: "far",
      phrase: "dans 12 jours",
    });
    expect(countdown(parisTimeToUtc("2026-03-08", "10:00"), deadline)).toEqual({
      state: "near",
      phrase: "dans 7 jours",
    });
    expect(countdown(parisTimeToUtc("2026-03-14", "10:00"), deadline)).toEqual({
      state: "near",
      phrase: "demain",
    });
    expect(countdown(parisTimeToUtc("2026-03-15", "18:30"), deadline)).toEqual({
      state: "near",
      phrase: "dans 5 heures",
    });
    expect(countdown(parisTimeToUtc("2026-03-15", "22:59"), deadline)).toEqual({
      state: "near",
      phrase: "dans 1 heure",
    });
    expect(countdown(parisTimeToUtc("2026-03-15", "23:40"), deadline)).toEqual({
      state: "near",
      phrase: "dans 19 minutes",
    });
    expect(countdown(parisTimeToUtc("2026-03-16", "00:00"), deadline)).toEqual({
      state: "past",
      phrase: "dépassée",
    });
  });
});
