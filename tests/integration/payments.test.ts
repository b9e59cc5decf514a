import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callPaymentTotals, getConvention } from "@/lib/conventions/data";
import { prepareConvention, sendConvention } from "@/lib/conventions/mutations";
import { db } from "@/lib/db";
import { formatEuros } from "@/lib/format";
import { recordPayment } from "@/lib/payments/mutations";
import { fileReport, reviewReport } from "@/lib/reports/mutations";
import { parisDate } from "@/lib/time";
import { makeCountersignedConvention } from "../fixtures/conventions";
import { makeActor } from "../fixtures/factories";
import { settleJobs } from "../fixtures/jobs";
import { makeDecidedCall, makePublishedLaureate } from "../fixtures/laureates";
import { startSmtp } from "../fixtures/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

const today = parisDate(new Date()); // the day in France, as the product counts days
const trancheIds = async (conventionId: string) => {
  const c = await db().convention.findUniqueOrThrow({
    where: { id: conventionId },
    select: {
      application: { select: { call: { select: { tranches: { orderBy: { position: "asc" } } } } } },
    },
  });
  return c.application.call.tranches.map((t) => t.id) as [string, string];
};

describe("the schedule", () => {
  it("splits the convention by the call's tranches, the last taking the rounding remainder", async () => {
    const { conventionId, cna } = await makeCountersignedConvention({ amountCents: 33_333_33 });
    const { schedule } = await getConvention(cna, conventionId);
    expect(schedule.map((t) => [t.shareBps, t.amountCents, t.condition])).toEqual([
      [7000, 23_333_33, "ON_SIGNATURE"],
      [3000, 10_000_00, "AFTER_INTERIM_REPORT"],
    ]);
  });
});

describe("recording payments", () => {
  it("the first tranche after countersignature, the second only after the interim report is accepted", async () => {
    const { conventionId, cna, owner } = await makeCountersignedConvention({
      amountCents: 50_000_00,
    });
    const [first, second] = await trancheIds(conventionId);
    await smtp.clear();
    await recordPayment(cna, conventionId, {
      trancheId: first,
      amountCents: 35_000_00,
      paidOn: today,
      accountingReference: "EJ-2025-0001",
    });
    expect((await smtp.next(owner.email)).headers.subject).toContain("Versement de 35");
    await expect(
      recordPayment(cna, conventionId, {
        trancheId: second,
        amountCents: 15_000_00,
        paidOn: today,
        accountingReference: "EJ-2025-0002",
      }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message:
        "La tranche « Solde après acceptation du bilan intermédiaire (année 2) » n'est versée qu'après acceptation du bilan intermédiaire, qui n'est pas encore accepté.",
    });
    const interim = await db().report.findFirstOrThrow({
      where: { conventionId, kind: "INTERIM" },
    });
    await fileReport(owner, interim.id, {
      activity: "x".repeat(60),
      financialSummary: "Dépenses conformes au budget.",
      achieved: ["80", "2"],
      submit: true,
    });
    await reviewReport(cna, interim.id, { decision: "ACCEPTED", comment: "" });
    await recordPayment(cna, conventionId, {
      trancheId: second,
      amountCents: 15_000_00,
      paidOn: today,
      accountingReference: "EJ-2025-0002",
    });
    const view = await getConvention(cna, conventionId);
    expect(view.paidCents).toBe(50_000_00);
    expect(view.schedule.map((t) => t.paidCents)).toEqual([35_000_00, 15_000_00]);
  });

  it("refuses a payment before the countersignature", async () => {
    const { call } = await makeDecidedCall();
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const l = await makePublishedLaureate({ callId: call.id });
    const { id } = await prepareConvention(cna, l.application.id);
    await settleJobs(); // the convention's PDF
    await sendConvention(cna, id);
    const [first] = await trancheIds(id);
    await expect(
      recordPayment(cna, id, {
        trancheId: first,
        amountCents: 1_000_00,
        paidOn: today,
        accountingReference: "EJ-1",
      }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message:
        "Aucun versement n'est possible avant la contre-signature de la convention par la cellule nationale.",
    });
  });

  it("refuses an overpayment of the convention or of the tranche, with the amounts in the message", async () => {
    const { conventionId, cna } = await makeCountersignedConvention({ amountCents: 50_000_00 });
    const [first] = await trancheIds(conventionId);
    await expect(
      recordPayment(cna, conventionId, {
        trancheId: first,
        amountCents: 50_000_01,
        paidOn: today,
        accountingReference: "EJ-1",
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: `Ce versement porterait le total versé à ${formatEuros(50_000_01)}, au-delà du montant de la convention (${formatEuros(50_000_00)}).`,
    });
    await recordPayment(cna, conventionId, {
      trancheId: first,
      amountCents: 30_000_00,
      paidOn: today,
      accountingReference: "EJ-1",
    });
    const refused = recordPayment(cna, conventionId, {
      trancheId: first,
      amountCents: 5_000_01,
      paidOn: today,
      accountingReference: "EJ-2",
    });
    await expect(refused).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { amountCents: [expect.stringContaining("dépasse le reste de la tranche")] },
    });
  });

  it("refuses what would exceed the call's envelope, even with two payments at once", async () => {
    const { call } = await makeDecidedCall({ envelopeCents: 80_000_00 });
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    // Conventions above the envelope (as after an error of the decision): the envelope still caps what is paid.
    const a = await makeCountersignedConvention({ callId: call.id, cna, amountCents: 60_000_00 });
    const b = await makeCountersignedConvention({ callId: call.id, cna, amountCents: 60_000_00 });
    const [fa] = await trancheIds(a.conventionId);
    const results = await Promise.allSettled([
      recordPayment(cna, a.conventionId, {
        trancheId: fa,
        amountCents: 42_000_00,
        paidOn: today,
        accountingReference: "EJ-A",
      }),
      recordPayment(cna, b.conventionId, {
        trancheId: fa,
        amountCents: 42_000_00,
        paidOn: today,
        accountingReference: "EJ-B",
      }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("au-delà de son enveloppe"),
    });
    expect(await callPaymentTotals(cna, call.id)).toEqual({
      envelopeCents: 80_000_00,
      committedCents: 120_000_00,
      paidCents: 42_000_00,
    });
  });

  it("refuses a tranche of another call, a future date, a reused accounting reference; only the national cell records", async () => {
    const { conventionId, cna, owner } = await makeCountersignedConvention();
    const [first] = await trancheIds(conventionId);
    const other = await makeCountersignedConvention();
    const [foreign] = await trancheIds(other.conventionId);
    await expect(
      recordPayment(cna, conventionId, {
        trancheId: foreign,
        amountCents: 100,
        paidOn: today,
        accountingReference: "EJ-1",
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { trancheId: ["Choisissez une tranche de l'échéancier de cette convention."] },
    });
    await expect(
      recordPayment(cna, conventionId, {
        trancheId: first,
        amountCents: 100,
        paidOn: "2999-01-01",
        accountingReference: "EJ-1",
      }),
    ).rejects.toMatchObject({
      fieldErrors: { paidOn: ["La date du versement ne peut pas être dans le futur."] },
    });
    await expect(
      recordPayment(cna, conventionId, {
        trancheId: first,
        amountCents: -5,
        paidOn: today,
        accountingReference: "EJ-1",
      }),
    ).rejects.toMatchObject({
      fieldErrors: { amountCents: ["Le montant du versement doit être positif."] },
    });
    await recordPayment(cna, conventionId, {
      trancheId: first,
      amountCents: 100,
      paidOn: today,
      accountingReference: "EJ-1",
    });
    await expect(
      recordPayment(cna, conventionId, {
        trancheId: first,
        amountCents: 100,
        paidOn: today,
        accountingReference: "EJ-1",
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Cette référence comptable est déjà enregistrée pour cette convention.",
    });
    await expect(
      recordPayment(owner, conventionId, {
        trancheId: first,
        amountCents: 100,
        paidOn: today,
        accountingReference: "EJ-9",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const coordinator = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
    await expect(
      recordPayment(coordinator, conventionId, {
        trancheId: first,
        amountCents: 100,
        paidOn: today,
        accountingReference: "EJ-9",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
