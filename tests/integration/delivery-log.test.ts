// The delivery log and « renvoyer »: a decision e-mail refused by the SMTP server shows in the log of the
// national cell and of the administrators (nobody else), with the server's answer; resent, it waits, is tried
// again by the worker and leaves once; the decision page's summary follows. The refusal comes from an SMTP
// server of this file (smtp-server, the library smtp-tester is built on) that answers 550 for some mailboxes.
import { createServer } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { changeCallPhase } from "@/lib/calls/mutations";
import { db } from "@/lib/db";
import { DECISION_SUBJECT } from "@/lib/mail/national-templates";
import { resetMailTransport } from "@/lib/mail/transport";
import { acceptSelection, finalizeDecisions, publishDecisions } from "@/lib/national/mutations";
import { decisionDeliverySummary, deliveryFilterSchema, resendFailedOfCall, resendNotification, searchDeliveries } from "@/lib/notifications/log";
import { makeActor, makeCall } from "../fixtures/factories";
import { makeJobsDue, queuedJobs, settleJobs } from "../fixtures/jobs";
import { makeCnaMember, makeRegionalResults, type DossierSpec } from "../fixtures/regional-results";
import { startSmtp } from "../fixtures/smtp";

const PAGE = { page: 1, size: 50, skip: 0 };
const filter = (input: Record<string, string> = {}) => deliveryFilterSchema.parse(input);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** An SMTP server that accepts every message except those to `refused`, answered 550 (a permanent refusal). */
async function refusingSmtp(refused: Set<string>) {
  const port = await freePort();
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["AUTH", "STARTTLS"],
    authOptional: true,
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address.toLowerCase())) return callback(Object.assign(new Error("5.1.1 Boîte aux lettres inconnue"), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      stream.on("end", () => callback(null, "OK"));
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return { url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The e-mail jobs in the queue: the notification each is for, and its attempts so far. */
const deliveryJobs = async () => (await queuedJobs("notification.deliver")).map((j) => ({ id: (j.payload as { id: string }).id, attempts: j.attempts }));

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let catcherUrl: string;
const useSmtp = (url: string) => {
  process.env.SMTP_URL = url;
  resetMailTransport();
};
beforeAll(async () => {
  smtp = await startSmtp();
  catcherUrl = process.env.SMTP_URL!;
});
afterEach(() => useSmtp(catcherUrl));
afterAll(async () => {
  await smtp.stop();
});

const SPECS: DossierSpec[] = [
  { regionCode: "53", territoryType: "RURAL", opinion: "FAVORABLE", score: 9000, amountCents: 80_000_00 },
  { regionCode: "76", territoryType: "QPV", opinion: "FAVORABLE", score: 8500, amountCents: 60_000_00 },
  { regionCode: "32", territoryType: "URBAN", opinion: "RESERVED", score: 6000, amountCents: 50_000_00 },
];

describe("delivery log", () => {
  it("a refused decision e-mail shows as failed for the CNA and the admin only; resent, it is tried again and leaves once", async () => {
    const { call, dossiers, admin, cells } = await makeRegionalResults(SPECS, { callOverrides: { envelopeCents: 200_000_00 } });
    const [a] = dossiers;
    const cna = await makeCnaMember(dossiers);
    const coEditor = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await db().applicationCollaborator.create({ data: { applicationId: a!.id, userId: coEditor.id, email: coEditor.email, acceptedAt: new Date() } });
    await acceptSelection(cna, call.id);
    await finalizeDecisions(cna, call.id);

    // The co-editor's mailbox is refused by the server: 550, a permanent refusal, failed at once.
    const refusing = await refusingSmtp(new Set([coEditor.email.toLowerCase()]));
    try {
      useSmtp(refusing.url);
      await publishDecisions(cna, call.id);
      await settleJobs();
    } finally {
      useSmtp(catcherUrl);
      await refusing.stop();
    }

    const failed = await searchDeliveries(cna, filter({ etat: "FAILED" }), call.id, PAGE);
    expect(failed.list.total).toBe(1);
    const row = failed.list.items[0]!;
    expect(row).toMatchObject({ email: coEditor.email.toLowerCase(), kind: "decision.published", kindLabel: "Décision sur un dossier", emailStatus: "FAILED", attempts: 1, canResend: true, retrying: false, subject: DECISION_SUBJECT(a!.reference) });
    expect(row.lastError).toMatch(/550/);
    expect(row).not.toHaveProperty("text"); // the log never reads the messages' text
    expect(failed.counts).toEqual({ total: 4, pending: 0, retrying: 0, sent: 3, failed: 1, skipped: 0 });
    // The administrator finds it among every notification, by a fragment of the address.
    const fragment = coEditor.email.slice(0, coEditor.email.indexOf("@") + 3).toUpperCase();
    const adminView = await searchDeliveries(admin, filter({ q: fragment }), undefined, PAGE);
    expect(adminView.list.items.map((n) => n.id)).toEqual([row.id]);
    expect((await searchDeliveries(admin, filter({ type: "decision", etat: "SENT" }), call.id, PAGE)).list.total).toBe(3);
    // Nobody else reads the log or resends: an applicant (even the recipient's co-owner) or a regional coordinator.
    const coordinator = cells.get("53")!.coordinator;
    for (const other of [a!.owner, coEditor, coordinator]) {
      await expect(searchDeliveries(other, filter(), call.id, PAGE)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(decisionDeliverySummary(other, call.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(resendNotification(other, row.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }

    // The decision page: 2 of 3 dossiers notified (A's co-editor failed), the failure listed with its answer.
    const summary = await decisionDeliverySummary(cna, call.id);
    expect(summary.dossiers).toEqual({ total: 3, sent: 2, pending: 0, failed: 1 });
    expect(summary.recipients).toEqual({ total: 4, sent: 3, pending: 0, failed: 1 });
    expect(summary.failures).toEqual([expect.objectContaining({ id: row.id, reference: a!.reference, email: coEditor.email.toLowerCase(), failed: true, attempts: 1, lastError: row.lastError })]);

    // Resent while the server cannot be reached: it waits again (« nouvel essai prévu ») with the new answer.
    useSmtp(`smtp://127.0.0.1:${await freePort()}/?ignoreTLS=true`);
    expect(await resendNotification(cna, row.id)).toEqual({ id: row.id, email: coEditor.email.toLowerCase() });
    await settleJobs();
    // Its next attempt a while away (the back-off is seconds here), so that it does not run while it is looked at.
    await db().$executeRawUnsafe("UPDATE graphile_worker._private_jobs SET run_at = now() + interval '1 hour' WHERE locked_at IS NULL");
    const retrying = await searchDeliveries(cna, filter({ etat: "RETRYING" }), call.id, PAGE);
    expect(retrying.list.items).toEqual([expect.objectContaining({ id: row.id, emailStatus: "PENDING", attempts: 2, retrying: true, canResend: true })]);
    expect(retrying.list.items[0]!.lastError).toMatch(/ECONNREFUSED/);
    expect((await decisionDeliverySummary(cna, call.id)).dossiers).toEqual({ total: 3, sent: 2, pending: 1, failed: 0 });
    expect(await deliveryJobs()).toEqual([expect.objectContaining({ id: row.id })]); // waiting for its back-off

    // « Nouvel essai maintenant » once the server is back: sent now, once, with the letter.
    useSmtp(catcherUrl);
    await resendNotification(cna, row.id);
    await settleJobs();
    const mail = await smtp.next(coEditor.email);
    expect(mail.headers.subject).toBe(DECISION_SUBJECT(a!.reference));
    expect(mail.attachments?.[0]).toMatchObject({ contentType: "application/pdf" });
    const sent = await searchDeliveries(admin, filter({ q: coEditor.email }), call.id, PAGE);
    expect(sent.list.items).toEqual([expect.objectContaining({ id: row.id, emailStatus: "SENT", attempts: 3, lastError: null, canResend: false })]);
    expect(sent.list.items[0]!.sentAt).toBeInstanceOf(Date);
    expect(await deliveryJobs()).toEqual([]);
    expect(await decisionDeliverySummary(cna, call.id)).toMatchObject({ dossiers: { total: 3, sent: 3, pending: 0, failed: 0 }, failures: [] });

    // A sent message is not resent; each resend is in the audit log with what it was before.
    await expect(resendNotification(cna, row.id)).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringContaining("déjà été envoyé") });
    const audit = await db().auditEvent.findMany({ where: { action: "notification.resend" }, orderBy: { id: "asc" } });
    expect(audit.map((e) => [e.actorId, e.entityId])).toEqual([
      [cna.id, row.id],
      [cna.id, row.id],
    ]);
    expect(audit[0]!.before).toMatchObject({ emailStatus: "FAILED", attempts: 1 });
    expect(audit[1]!.before).toMatchObject({ emailStatus: "PENDING", attempts: 2 });
  }, 60_000);

  it("scopes the CNA to the calls it sees, keeps one-time links to the administrators, and resends a call's failures in bulk", async () => {
    const { call, admin } = await makeCall();
    await changeCallPhase(admin, call.id, "OPEN");
    const { call: draft } = await makeCall(admin);
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const failedRow = (kind: string, email: string, callId: string | null) => ({
      key: `${kind}:test|${email}`,
      kind,
      email,
      subject: `Objet ${kind}`,
      text: "Texte",
      callId,
      emailStatus: "FAILED" as const,
      attempts: 12,
      lastError: "ECONNREFUSED connect ECONNREFUSED 127.0.0.1:25",
      lastAttemptAt: new Date(),
    });
    const rows = await db().notification.createManyAndReturn({
      data: [
        failedRow("decision.published", "decision@test.fr", call.id),
        failedRow("convention.sent", "convention@test.fr", call.id),
        failedRow("account.invitation", "invitation@test.fr", call.id),
        failedRow("dossier.receipt", "brouillon@test.fr", draft.id),
        failedRow("account.password-reset", "compte@test.fr", null),
        { ...failedRow("dossier.message", "desactive@test.fr", call.id), emailStatus: "SKIPPED" as const, attempts: 0, lastError: null },
      ],
      select: { id: true, email: true },
    });
    const id = (email: string) => rows.find((r) => r.email === email)!.id;

    // The CNA sees the open call's notifications, not those of a draft call nor of no call; the admin sees all.
    const cnaAll = await searchDeliveries(cna, filter(), undefined, PAGE);
    expect(cnaAll.list.items.map((n) => n.email).sort()).toEqual(["convention@test.fr", "decision@test.fr", "desactive@test.fr", "invitation@test.fr"]);
    expect((await searchDeliveries(cna, filter(), draft.id, PAGE)).list.total).toBe(0);
    await expect(resendNotification(cna, id("brouillon@test.fr"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resendNotification(cna, id("compte@test.fr"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await searchDeliveries(admin, filter(), undefined, PAGE)).list.total).toBe(6);
    expect((await searchDeliveries(admin, filter(), null, PAGE)).list.items.map((n) => n.email)).toEqual(["compte@test.fr"]);
    expect((await searchDeliveries(admin, filter({ etat: "SKIPPED" }), call.id, PAGE)).list.items.map((n) => n.email)).toEqual(["desactive@test.fr"]);

    // A one-time link is resent by an administrator only; a message turned off by its recipient is not resent.
    expect(cnaAll.list.items.find((n) => n.email === "invitation@test.fr")).toMatchObject({ secret: true, canResend: false });
    await expect(resendNotification(cna, id("invitation@test.fr"))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resendNotification(cna, id("desactive@test.fr"))).rejects.toMatchObject({ code: "INVALID_STATE" });

    // In bulk: the decisions only, then the rest the CNA may resend (the invitation stays failed). The server
    // cannot be reached meanwhile, so that what was resent stays waiting while it is looked at.
    useSmtp(`smtp://127.0.0.1:${await freePort()}/?ignoreTLS=true`);
    await expect(resendFailedOfCall(cna, draft.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await resendFailedOfCall(cna, call.id, { decisionsOnly: true })).toEqual({ count: 1 });
    expect(await resendFailedOfCall(cna, call.id)).toEqual({ count: 1 });
    await expect(resendFailedOfCall(cna, call.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    const states = await db().notification.findMany({ where: { callId: call.id }, select: { email: true, emailStatus: true, attempts: true, lastError: true } });
    expect(Object.fromEntries(states.map((s) => [s.email, s.emailStatus]))).toMatchObject({ "decision@test.fr": "PENDING", "convention@test.fr": "PENDING", "invitation@test.fr": "FAILED" });
    expect(states.find((s) => s.email === "decision@test.fr")).toMatchObject({ attempts: expect.any(Number), lastError: expect.stringMatching(/ECONNREFUSED/) });
    expect(states.find((s) => s.email === "decision@test.fr")!.attempts).toBeGreaterThanOrEqual(12); // kept as history
    const jobs = await deliveryJobs();
    expect(jobs.map((j) => j.id).sort()).toEqual([id("decision@test.fr"), id("convention@test.fr")].sort());
    expect(jobs.every((j) => j.attempts < 12)).toBe(true); // a fresh series of attempts

    // The server is back; the administrator resends the invitation; the worker sends the three.
    useSmtp(catcherUrl);
    await resendNotification(admin, id("invitation@test.fr"));
    await makeJobsDue();
    await settleJobs();
    expect((await smtp.next("invitation@test.fr")).headers.subject).toBe("Objet account.invitation");
    expect(await db().notification.count({ where: { callId: call.id, emailStatus: "SENT" } })).toBe(3);
    expect((await db().notification.findUniqueOrThrow({ where: { id: id("invitation@test.fr") } })).text).not.toBe("Texte"); // its link not kept once sent
  }, 60_000);
});
