import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatEuros, formatShare } from "@/lib/format";
import { addDays, parisDate, parisEndOfDay, parisTimeToUtc } from "@/lib/time";

describe("Paris time", () => {
  it("runs under a time zone other than UTC and Paris, so that mistakes show", () => {
    expect(new Date("2025-01-01T00:00:00Z").getTimezoneOffset()).not.toBe(0);
    expect(new Date("2025-01-01T00:00:00Z").getTimezoneOffset()).not.toBe(-60);
  });
  it("a deadline of 2 November 2025 ends at 23:59:59 Paris time (UTC+1 in winter)", () => {
    expect(parisEndOfDay("2025-11-02").toISOString()).toBe("2025-11-02T22:59:59.000Z");
  });
  it("in summer Paris is UTC+2", () => {
    expect(parisEndOfDay("2025-07-14").toISOString()).toBe("2025-07-14T21:59:59.000Z");
  });
  it("handles the nights of the clock changes", () => {
    expect(parisTimeToUtc("2025-03-30", "03:30").toISOString()).toBe("2025-03-30T01:30:00.000Z");
    expect(parisTimeToUtc("2025-10-26", "12:00").toISOString()).toBe("2025-10-26T11:00:00.000Z");
  });
  it("gives the Paris calendar date of an instant", () => {
    expect(parisDate(new Date("2025-11-02T23:30:00Z"))).toBe("2025-11-03");
    expect(parisDate(new Date("2025-11-02T22:30:00Z"))).toBe("2025-11-02");
  });
  it("adds days across months and years", () => {
    expect(addDays("2025-12-28", 5)).toBe("2026-01-02");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
  });
});

describe("French formats", () => {
  it("writes amounts in euros from cents", () => {
    expect(formatEuros(500_000_00).replace(/\s/g, " ")).toBe("500 000 €");
    expect(formatEuros(1234_56).replace(/\s/g, " ")).toBe("1 234,56 €");
  });
  it("writes dates and times in Paris time", () => {
    expect(formatDate(new Date("2025-11-02T22:59:59Z"))).toBe("2 novembre 2025");
    expect(formatDateTime(new Date("2025-11-02T22:59:59Z"))).toBe("2 novembre 2025 à 23 h 59");
  });
  it("writes shares from basis points", () => {
    expect(formatShare(2500).replace(/\s/g, " ")).toBe("25 %");
    expect(formatShare(1250).replace(/\s/g, " ")).toBe("12,5 %");
  });
});
