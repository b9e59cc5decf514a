import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getReport } from "@/lib/reports/data";
import {
  addReportAttachment,
  fileReport,
  readReportAttachment,
  reviewReport,
  sendReportReminders,
} from "@/lib/reports/mutations";
import { makeCountersignedConvention } from "../fixtures/conventions";
import { makeActor } from "../fixtures/factories";
import { HTML_AS_PDF, PDF } from "../fixtures/files";
import { settleJobs } from "../fixtures/jobs";
import { startSmtp } from "../fixtures/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

const FILLED = {
  activity:
    "Douze ateliers de réparation et deux formations au réemploi ont été organisés cette année.",
  financialSummary: "Dépenses conformes au budget prévisionnel.",
  achieved: ["80", "2"],
};
const interimOf = (conventionId: string) =>
  db().report.findFirstOrThrow({ where: { conventionId, kind: "INTERIM" } });

describe("filing a report", () => {
  it("the pole saves a draft, then files it with the indicators against the dossier's targets; the cell is told", async () => {
    const { conventionId, owner, cna } = await makeCountersignedConvention();
    const interim = await interimOf(conventionId);
    await fileReport(owner, interim.id, {
      activity: "Début",
      financialSummary: "",
      achieved: ["", ""],
      submit: false,
    });
    expect((await db().report.findUniqueOrThrow({ where: { id: interim.id } })).status).toBe(
      "DRAFT",
    );
    await expect(
      fileReport(owner, interim.id, {
        activity: "Trop court",
        financialSummary: "",
        achieved: ["80", ""],
        submit: true,
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        activity: [
          "Décrivez les actions menées (50 caractères au moins) avant de déposer le bilan.",
        ],
        financialSummary: [
          "Résumez l'emploi de la subvention (20 caractères au moins) avant de déposer le bilan.",
        ],
        "achieved.1": ["Indiquez la valeur atteinte (ou « non mesuré »)."],
      },
    });
    await addReportAttachment(owner, interim.id, { name: "bilan financier.pdf", bytes: PDF });
    await smtp.clear();
    await fileReport(owner, interim.id, { ...FILLED, submit: true });
    expect((await smtp.next(cna.email)).headers.subject).toContain("Bilan intermédiaire déposé");
    const { report, canSubmit, canReview } = await getReport(cna, interim.id);
    expect(report.status).toBe("SUBMITTED");
    expect(report.indicators).toEqual([
      { label: "Matériaux réemployés", unit: "t", target: "100", achieved: "80" },
      { label: "Emplois créés", unit: "ETP", target: "2", achieved: "2" },
    ]);
    expect([canSubmit, canReview]).toEqual([false, true]);
    // Filed: no more changes, no more files.
    await expect(fileReport(owner, interim.id, { ...FILLED, submit: false })).rejects.toMatchObject(
      { code: "INVALID_STATE" },
    );
    await expect(
      addReportAttachment(owner, interim.id, { name: "x.pdf", bytes: PDF }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect((await readReportAttachment(cna, report.attachments[0]!.id)).bytes.equals(PDF)).toBe(
      true,
    );
  });

  it("refuses a report on another pole's convention (or by a cell), and a file that is not what it claims", async () => {
    const { conventionId, owner } = await makeCountersignedConvention();
    const other = await makeCountersignedConvention();
    const interim = await interimOf(conventionId);
    await expect(
      fileReport(other.owner, interim.id, { ...FILLED, submit: true }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Cet élément n'existe pas ou vous n'y avez pas accès.",
    });
    await expect(
      addReportAttachment(other.owner, interim.id, { name: "x.pdf", bytes: PDF }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getReport(other.owner, interim.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const cra = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
    await expect(fileReport(cra, interim.id, { ...FILLED, submit: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      addReportAttachment(owner, interim.id, { name: "bilan.pdf", bytes: HTML_AS_PDF }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("Ce type de fichier n'est pas accepté"),
    });
  });
});

describe("reviewing a report", () => {
  it("asks for changes with a comment, the pole files again, the cell accepts", async () => {
    const { conventionId, owner, cna } = await makeCountersignedConvention();
    const interim = await interimOf(conventionId);
    await expect(
      reviewReport(cna, interim.id, { decision: "ACCEPTED", comment: "" }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "Seul un bilan déposé, en attente d'examen, peut être examiné.",
    });
    await fileReport(owner, interim.id, { ...FILLED, submit: true });
    await expect(
      reviewReport(cna, interim.id, { decision: "CHANGES_REQUESTED", comment: "" }),
    ).rejects.toMatchObject({
      fieldErrors: { comment: ["Précisez les compléments attendus (10 caractères au moins)."] },
    });
    await expect(
      reviewReport(owner, interim.id, { decision: "ACCEPTED", comment: "" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await smtp.clear();
    await reviewReport(cna, interim.id, {
      decision: "CHANGES_REQUESTED",
      comment: "Joignez le compte de résultat de l'année.",
    });
    const mail = await smtp.next(owner.email);
    expect(mail.headers.subject).toBe("Bilan intermédiaire à compléter - AMI PTCE");
    expect(mail.body).toContain("Joignez le compte de résultat");
    await fileReport(owner, interim.id, { ...FILLED, submit: true });
    await reviewReport(cna, interim.id, { decision: "ACCEPTED", comment: "Merci." });
    expect(await db().report.findUniqueOrThrow({ where: { id: interim.id } })).toMatchObject({
      status: "ACCEPTED",
      reviewerId: cna.id,
      reviewComment: "Merci.",
    });
    expect(
      await db().auditEvent.count({ where: { action: "report.review", entityId: interim.id } }),
    ).toBe(2);
  });
});

describe("reminders before the due date", () => {
  it("reminds of the tightest threshold reached through the outbox, never twice, and not for a filed report", async () => {
    const { conventionId, owner, application } = await makeCountersignedConvention();
    const interim = await interimOf(conventionId);
    const due = interim.dueAt.getTime();
    const day = 86_400_000;
    await smtp.clear(); // once what the setting queued is sent
    expect(await sendReportReminders(new Date(due - 40 * day))).toEqual({ notified: 0 });
    expect(await sendReportReminders(new Date(due - 20 * day))).toEqual({ notified: 1 });
    await settleJobs();
    const mail = await smtp.next(owner.email);
    expect(mail.headers.subject).toContain("Rappel : bilan intermédiaire à déposer");
    expect(mail.body).toContain(
      `https://ptce.test/mes-dossiers/${application.id}/bilans/${interim.id}`,
    );
    // Same day, a second run (or two at once): nothing more.
    const again = await Promise.all([
      sendReportReminders(new Date(due - 19 * day)),
      sendReportReminders(new Date(due - 19 * day)),
    ]);
    expect(again.map((r) => r.notified)).toEqual([0, 0]);
    expect(await sendReportReminders(new Date(due - 5 * day))).toEqual({ notified: 1 });
    expect(await sendReportReminders(new Date(due + day))).toEqual({ notified: 1 });
    expect(await sendReportReminders(new Date(due + 2 * day))).toEqual({ notified: 0 });
    expect(
      (
        await db().reportReminder.findMany({
          where: { reportId: interim.id },
          orderBy: { thresholdDays: "desc" },
        })
      ).map((r) => r.thresholdDays),
    ).toEqual([30, 7, 0]);
    const reminders = await db().notification.findMany({
      where: { kind: "report.reminder" },
      orderBy: { createdAt: "asc" },
    });
    expect(reminders.map((n) => [n.key, n.email])).toEqual(
      [30, 7, 0].map((t) => [`report.reminder:${interim.id}:${t}|${owner.email}`, owner.email]),
    );
    await settleJobs();
    expect(
      (await db().notification.findMany({ where: { kind: "report.reminder" } })).map(
        (n) => n.emailStatus,
      ),
    ).toEqual(["SENT", "SENT", "SENT"]);
    // A report filed in time gets no reminder.
    const final = await db().report.findFirstOrThrow({ where: { conventionId, kind: "FINAL" } });
    await fileReport(owner, final.id, { ...FILLED, submit: true });
    expect(await sendReportReminders(new Date(final.dueAt.getTime() - day))).toEqual({
      notified: 0,
    });
  });
});
