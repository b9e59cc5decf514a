// The delivery log and « renvoyer »: a decision e-mail refused by the SMTP server shows in the log of the
// national cell and of the administrators (nobody else), with the server's answer; resent, it waits, is tried
// again by the worker and leaves once; the decision page's summary follows. The refusal comes from an SMTP
// server of this file (smtp-server, the library smtp-tester is built on) that answers 550 for some mailboxes.
// Then the scope of the national cell, the one-time links, and the documents whose preparation failed for good.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { changeCallPhase } from "@/lib/calls/mutations";
import { prepareConvention } from "@/lib/conventions/mutations";
import { db } from "@/lib/db";
import { DECISION_SUBJECT } from "@/lib/mail/national-templates";
import { resetMailTransport } from "@/lib/mail/transport";
import { acceptSelection, finalizeDecisions, publishDecisions } from "@/lib/national/mutations";
import {
  conventionDocumentFailure,
  countFailedOfCall,
  decisionDeliverySummary,
  failedDocuments,
  searchDeliveries,
} from "@/lib/notifications/data";
import { deliveryFilterSchema, SECRET_NOT_KEPT } from "@/lib/notifications/log";
import {
  resendFailedOfCall,
  resendNotification,
  retryDocumentJob,
} from "@/lib/notifications/mutations";
import { notify } from "@/lib/notifications/outbox";
import { resetStorage } from "@/lib/storage/storage";
import { makeActor, makeApplication, makeCall } from "../fixtures/factories";
import { makeJobsDue, queuedJobs, settleJobs } from "../fixtures/jobs";
import { makeDecidedCall, makePublishedLaureate } from "../fixtures/laureates";
import { type DossierSpec, makeCnaMember, makeRegionalResults } from "../fixtures/regional-results";
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
      if (refused.has(address.address.toLowerCase()))
        return callback(
          Object.assign(new Error("5.1.1 Boîte aux lettres inconnue"), { responseCode: 550 }),
        );
      callback();
    },
    onData(stream, _session, callback) {
      stream.on("end", () => callback(null, "OK"));
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return {
    url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The e-mail jobs in the queue: the notification each is for, and its attempts so far. */
const deliveryJobs = async () =>
  (await queuedJobs("notification.deliver")).map((j) => ({
    id: (j.payload as { id: string }).id,
    attempts: j.attempts,
  }));

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let catcherUrl: string;
const pointMailAt = (url: string) => {
  process.env.SMTP_URL = url;
  resetMailTransport();
};
beforeAll(async () => {
  smtp = await startSmtp();
  catcherUrl = process.env.SMTP_URL!;
});
afterEach(() => pointMailAt(catcherUrl));
afterAll(async () => {
  await smtp.stop();
});

const SPECS: DossierSpec[] = [
  {
    regionCode: "53",
    territoryType: "RURAL",
    opinion: "FAVORABLE",
    score: 9000,
    amountCents: 80_000_00,
  },
  {
    regionCode: "76",
    territoryType: "QPV",
    opinion: "FAVORABLE",
    score: 8500,
    amountCents: 60_000_00,
  },
  {
    regionCode: "32",
    territoryType: "URBAN",
    opinion: "RESERVED",
    score: 6000,
    amountCents: 50_000_00,
  },
];

describe("delivery log", () => {
  it("a refused decision e-mail shows as failed for the CNA and the admin only; resent, it is tried again and leaves once", async () => {
    const { call, dossiers, admin, cells } = await makeRegionalResults(SPECS, {
      callOverrides: { envelopeCents: 200_000_00 },
    });
    const [a] = dossiers;
    const cna = await makeCnaMember(dossiers);
    const coEditor = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await db().applicationCollaborator.create({
      data: {
        applicationId: a!.id,
        userId: coEditor.id,
        email: coEditor.email,
        acceptedAt: new Date(),
      },
    });
    await acceptSelection(cna, call.id);
    await finalizeDecisions(cna, call.id);

    // The co-editor's mailbox is refused by the server: 550, a permanent refusal, failed at once.
    const refusing = await refusingSmtp(new Set([coEditor.email.toLowerCase()]));
    try {
      pointMailAt(refusing.url);
      await publishDecisions(cna, call.id);
      await settleJobs();
    } finally {
      pointMailAt(catcherUrl);
      await refusing.stop();
    }

    const failed = await searchDeliveries(cna, filter({ etat: "FAILED" }), call.id, PAGE);
    expect(failed.list.total).toBe(1);
    const row = failed.list.items[0]!;
    expect(row).toMatchObject({
      email: coEditor.email.toLowerCase(),
      kind: "decision.published",
      kindLabel: "Décision sur un dossier",
      emailStatus: "FAILED",
      attempts: 1,
      canResend: true,
      retrying: false,
      subject: DECISION_SUBJECT(a!.reference),
    });
    expect(row.lastError).toMatch(/550/);
    expect(row).not.toHaveProperty("text"); // the log never reads the messages' text
    expect(failed.counts).toEqual({
      total: 4,
      pending: 0,
      retrying: 0,
      sent: 3,
      failed: 1,
      logged: 0,
      skipped: 0,
    });
    // The administrator finds it among every notification, by a fragment of the address.
    const fragment = coEditor.email.slice(0, coEditor.email.indexOf("@") + 3).toUpperCase();
    const adminView = await searchDeliveries(admin, filter({ q: fragment }), undefined, PAGE);
    expect(adminView.list.items.map((n) => n.id)).toEqual([row.id]);
    const sentOnes = await searchDeliveries(
      admin,
      filter({ type: "decision", etat: "SENT" }),
      call.id,
      PAGE,
    );
    expect(sentOnes.list.total).toBe(3);
    // The proof of handing over: the server's answer when it took the e-mail.
    for (const n of sentOnes.list.items) expect(n.smtpResponse).toMatch(/^250\b/);
    // Nobody else reads the log or resends: an applicant (even the recipient's co-owner) or a regional coordinator.
    const coordinator = cells.get("53")!.coordinator;
    for (const other of [a!.owner, coEditor, coordinator]) {
      await expect(searchDeliveries(other, filter(), call.id, PAGE)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(decisionDeliverySummary(other, call.id)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(resendNotification(other, row.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }

    // The decision page: 2 of 3 dossiers notified (A's co-editor failed), the failure listed with its answer.
    const summary = await decisionDeliverySummary(cna, call.id);
    expect(summary.dossiers).toEqual({ total: 3, sent: 2, pending: 0, failed: 1, logged: 0 });
    expect(summary.recipients).toEqual({ total: 4, sent: 3, pending: 0, failed: 1, logged: 0 });
    expect(summary.letterFailures).toBe(0);
    expect(summary.failures).toEqual([
      expect.objectContaining({
        id: row.id,
        reference: a!.reference,
        email: coEditor.email.toLowerCase(),
        emailStatus: "FAILED",
        retrying: false,
        attempts: 1,
        lastError: row.lastError,
      }),
    ]);

    // Resent while the server cannot be reached: it waits again (« nouvel essai prévu ») with the new answer.
    pointMailAt(`smtp://127.0.0.1:${await freePort()}/?ignoreTLS=true`);
    expect(await resendNotification(cna, row.id)).toEqual({
      id: row.id,
      email: coEditor.email.toLowerCase(),
    });
    await settleJobs();
    // Its next attempt a while away (the back-off is seconds here), so that it does not run while it is looked at.
    await db().$executeRawUnsafe(
      "UPDATE graphile_worker._private_jobs SET run_at = now() + interval '1 hour' WHERE locked_at IS NULL",
    );
    const retrying = await searchDeliveries(cna, filter({ etat: "RETRYING" }), call.id, PAGE);
    expect(retrying.list.items).toEqual([
      expect.objectContaining({
        id: row.id,
        emailStatus: "PENDING",
        attempts: 2,
        retrying: true,
        canResend: true,
      }),
    ]);
    expect(retrying.list.items[0]!.lastError).toMatch(/ECONNREFUSED/);
    expect((await decisionDeliverySummary(cna, call.id)).dossiers).toEqual({
      total: 3,
      sent: 2,
      pending: 1,
      failed: 0,
      logged: 0,
    });
    expect(await deliveryJobs()).toEqual([expect.objectContaining({ id: row.id })]); // waiting for its back-off

    // « Nouvel essai maintenant » once the server is back: sent now, once, with the letter.
    pointMailAt(catcherUrl);
    await resendNotification(cna, row.id);
    await settleJobs();
    const mail = await smtp.next(coEditor.email);
    expect(mail.headers.subject).toBe(DECISION_SUBJECT(a!.reference));
    expect(mail.attachments?.[0]).toMatchObject({ contentType: "application/pdf" });
    const sent = await searchDeliveries(admin, filter({ q: coEditor.email }), call.id, PAGE);
    expect(sent.list.items).toEqual([
      expect.objectContaining({
        id: row.id,
        emailStatus: "SENT",
        attempts: 3,
        lastError: null,
        canResend: false,
      }),
    ]);
    expect(sent.list.items[0]!.sentAt).toBeInstanceOf(Date);
    expect(await deliveryJobs()).toEqual([]);
    expect(sent.list.items[0]!.smtpResponse).toMatch(/^250\b/);
    expect(await decisionDeliverySummary(cna, call.id)).toMatchObject({
      dossiers: { total: 3, sent: 3, pending: 0, failed: 0, logged: 0 },
      failures: [],
    });

    // A sent message is not resent; each resend is in the audit log with what it was before.
    await expect(resendNotification(cna, row.id)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("déjà été envoyé"),
    });
    const audit = await db().auditEvent.findMany({
      where: { action: "notification.resend" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((e) => [e.actorId, e.entityId])).toEqual([
      [cna.id, row.id],
      [cna.id, row.id],
    ]);
    expect(audit[0]!.before).toMatchObject({ emailStatus: "FAILED", attempts: 1 });
    expect(audit[1]!.before).toMatchObject({ emailStatus: "PENDING", attempts: 2 });
  }, 60_000);

  it("scopes the CNA to the calls it sees, refuses to resend a one-time link no longer kept, and resends a call's failures in bulk", async () => {
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
        // A one-time link still waiting for its next attempt: its text is still there.
        {
          ...failedRow("account.password-reset", "reinit@test.fr", null),
          emailStatus: "PENDING" as const,
          attempts: 2,
        },
        // Written to the worker's log only (no SMTP server was configured): not sent.
        {
          ...failedRow("dossier.receipt", "journal@test.fr", call.id),
          emailStatus: "LOGGED" as const,
          attempts: 1,
          lastError: null,
        },
        {
          ...failedRow("dossier.message", "desactive@test.fr", call.id),
          emailStatus: "SKIPPED" as const,
          attempts: 0,
          lastError: null,
        },
      ],
      select: { id: true, email: true },
    });
    const id = (email: string) => rows.find((r) => r.email === email)!.id;

    // The CNA sees the open call's notifications, not those of a draft call nor of no call; the admin sees all.
    const cnaAll = await searchDeliveries(cna, filter(), undefined, PAGE);
    expect(cnaAll.list.items.map((n) => n.email).sort()).toEqual([
      "convention@test.fr",
      "decision@test.fr",
      "desactive@test.fr",
      "invitation@test.fr",
      "journal@test.fr",
    ]);
    expect(cnaAll.counts).toEqual({
      total: 5,
      pending: 0,
      retrying: 0,
      sent: 0,
      failed: 3,
      logged: 1,
      skipped: 1,
    });
    expect((await searchDeliveries(cna, filter(), draft.id, PAGE)).list.total).toBe(0);
    await expect(resendNotification(cna, id("brouillon@test.fr"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(resendNotification(cna, id("compte@test.fr"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(resendNotification(cna, id("reinit@test.fr"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await searchDeliveries(admin, filter(), undefined, PAGE)).list.total).toBe(8);
    expect(
      (await searchDeliveries(admin, filter(), null, PAGE)).list.items.map((n) => n.email).sort(),
    ).toEqual(["compte@test.fr", "reinit@test.fr"]);
    expect(
      (await searchDeliveries(admin, filter({ etat: "SKIPPED" }), call.id, PAGE)).list.items.map(
        (n) => n.email,
      ),
    ).toEqual(["desactive@test.fr"]);
    const logged = await searchDeliveries(cna, filter({ etat: "LOGGED" }), call.id, PAGE);
    expect(logged.list.items).toEqual([
      expect.objectContaining({
        email: "journal@test.fr",
        emailStatus: "LOGGED",
        canResend: true,
        linkLost: false,
      }),
    ]);
    expect(logged.list.total).toBe(1);

    // A one-time link that failed for good is no longer kept: nobody resends it, the administrator is told why.
    // One still waiting for its next attempt may be tried again now, by an administrator.
    expect(cnaAll.list.items.find((n) => n.email === "invitation@test.fr")).toMatchObject({
      secret: true,
      linkLost: true,
      canResend: false,
    });
    await expect(resendNotification(cna, id("invitation@test.fr"))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const adminRows = (await searchDeliveries(admin, filter(), undefined, PAGE)).list.items;
    expect(adminRows.find((n) => n.email === "invitation@test.fr")).toMatchObject({
      secret: true,
      linkLost: true,
      canResend: false,
    });
    expect(adminRows.find((n) => n.email === "compte@test.fr")).toMatchObject({
      secret: true,
      linkLost: true,
      canResend: false,
    });
    expect(adminRows.find((n) => n.email === "reinit@test.fr")).toMatchObject({
      secret: true,
      linkLost: false,
      retrying: true,
      canResend: true,
    });
    for (const email of ["invitation@test.fr", "compte@test.fr"]) {
      await expect(resendNotification(admin, id(email))).rejects.toMatchObject({
        code: "INVALID_STATE",
        message: SECRET_NOT_KEPT,
      });
    }
    expect(SECRET_NOT_KEPT).toContain(
      "invitez de nouveau la personne (administration des utilisateurs) ou invitez-la à utiliser « Mot de passe oublié »",
    );
    // A message turned off by its recipient is not resent.
    await expect(resendNotification(cna, id("desactive@test.fr"))).rejects.toMatchObject({
      code: "INVALID_STATE",
    });

    // In bulk: the decisions only, then the rest (the one only written to the log included; the invitation stays
    // failed). The server cannot be reached meanwhile, so that what was resent stays waiting while it is looked at.
    expect(await countFailedOfCall(cna, call.id)).toEqual({ failed: 2, logged: 1 });
    expect(await countFailedOfCall(admin, call.id)).toEqual({ failed: 2, logged: 1 });
    expect(await countFailedOfCall(cna, call.id, { decisionsOnly: true })).toEqual({
      failed: 1,
      logged: 0,
    });
    pointMailAt(`smtp://127.0.0.1:${await freePort()}/?ignoreTLS=true`);
    await expect(resendFailedOfCall(cna, draft.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await resendFailedOfCall(cna, call.id, { decisionsOnly: true })).toEqual({ count: 1 });
    expect(await resendFailedOfCall(cna, call.id)).toEqual({ count: 2 });
    await expect(resendFailedOfCall(cna, call.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(resendFailedOfCall(admin, call.id)).rejects.toMatchObject({
      code: "INVALID_STATE",
    }); // the invitation: not even by an administrator
    const states = await db().notification.findMany({
      where: { callId: call.id },
      select: { email: true, emailStatus: true, attempts: true, lastError: true },
    });
    expect(Object.fromEntries(states.map((s) => [s.email, s.emailStatus]))).toMatchObject({
      "decision@test.fr": "PENDING",
      "convention@test.fr": "PENDING",
      "journal@test.fr": "PENDING",
      "invitation@test.fr": "FAILED",
    });
    expect(states.find((s) => s.email === "decision@test.fr")).toMatchObject({
      attempts: expect.any(Number),
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(states.find((s) => s.email === "decision@test.fr")!.attempts).toBeGreaterThanOrEqual(12); // kept as history
    const jobs = await deliveryJobs();
    expect(jobs.map((j) => j.id).sort()).toEqual(
      [id("decision@test.fr"), id("convention@test.fr"), id("journal@test.fr")].sort(),
    );
    expect(jobs.every((j) => j.attempts < 12)).toBe(true); // a fresh series of attempts

    // The server is back; the administrator tries the waiting one-time link again now; the worker sends the four.
    pointMailAt(catcherUrl);
    await resendNotification(admin, id("reinit@test.fr"));
    await makeJobsDue();
    await settleJobs();
    expect((await smtp.next("reinit@test.fr")).headers.subject).toBe(
      "Objet account.password-reset",
    );
    expect(await db().notification.count({ where: { callId: call.id, emailStatus: "SENT" } })).toBe(
      3,
    );
    const reinit = await db().notification.findUniqueOrThrow({
      where: { id: id("reinit@test.fr") },
    });
    expect(reinit.emailStatus).toBe("SENT");
    expect(reinit.text).not.toBe("Texte"); // its link not kept once sent
    const audit = await db().auditEvent.findMany({
      where: { action: "notification.resend" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((e) => [e.actorId, e.entityType])).toEqual([
      [cna.id, "Call"],
      [cna.id, "Call"],
      [admin.id, "Notification"],
    ]);
  }, 60_000);

  it("keeps the notifications of a dossier never submitted (a draft's deposit reminder) out of the national cell's log, not out of the administrators'", async () => {
    const { call, admin } = await makeCall();
    await changeCallPhase(admin, call.id, "OPEN");
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const owner = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const draftDossier = await makeApplication({ callId: call.id, owner, status: "DRAFT" });
    const submitted = await makeApplication({ callId: call.id, owner, status: "SUBMITTED" });
    const mail = (subject: string, to = owner.email) => ({
      to,
      subject,
      text: `Bonjour,\n\n${subject}.`,
    });
    await db().$transaction((tx) =>
      notify(tx, [
        {
          kind: "deadline.deposit",
          event: `deadline.deposit:${draftDossier.id}:7`,
          mail: mail("Rappel : la date limite de dépôt approche"),
          callId: call.id,
          applicationId: draftDossier.id,
        },
        {
          kind: "dossier.co-editor-invitation",
          event: `dossier.co-editor-invitation:${draftDossier.id}`,
          mail: mail("Invitation à compléter un dossier", "tiers@test.fr"),
          callId: call.id,
          applicationId: draftDossier.id,
        },
        {
          kind: "dossier.receipt",
          event: `dossier.receipt:${submitted.id}`,
          mail: mail("Accusé de réception de votre dépôt"),
          callId: call.id,
          applicationId: submitted.id,
        },
      ]),
    );
    await settleJobs();
    const subjects = async (actor: typeof cna, input: Record<string, string> = {}) =>
      (await searchDeliveries(actor, filter(input), call.id, PAGE)).list.items
        .map((n) => n.subject)
        .sort();
    expect(await subjects(cna)).toEqual(["Accusé de réception de votre dépôt"]);
    expect(await subjects(cna, { q: "Rappel" })).toEqual([]);
    expect(await subjects(cna, { type: "deadline.deposit" })).toEqual([]);
    expect((await searchDeliveries(cna, filter(), call.id, PAGE)).counts.total).toBe(1);
    expect(await subjects(admin)).toEqual([
      "Accusé de réception de votre dépôt",
      "Invitation à compléter un dossier",
      "Rappel : la date limite de dépôt approche",
    ]);

    // Failed, it is not the cell's to resend either (nor counted on its bulk button); the administrator may.
    const reminder = await db().notification.findFirstOrThrow({
      where: { kind: "deadline.deposit" },
    });
    await db().notification.update({
      where: { id: reminder.id },
      data: { emailStatus: "FAILED", lastError: "550 5.1.1 Boîte aux lettres inconnue" },
    });
    expect(await countFailedOfCall(cna, call.id)).toEqual({ failed: 0, logged: 0 });
    expect(await countFailedOfCall(admin, call.id)).toEqual({ failed: 1, logged: 0 });
    await expect(resendNotification(cna, reminder.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resendFailedOfCall(cna, call.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await resendNotification(admin, reminder.id)).toEqual({
      id: reminder.id,
      email: owner.email.toLowerCase(),
    });
  }, 60_000);

  it("shows a convention and a decision letter whose preparation failed for good to the CNA and the admin; « Relancer » prepares them", async () => {
    const { call } = await makeDecidedCall();
    const { call: other } = await makeDecidedCall();
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const admin = await makeActor([{ role: "ADMIN", regionCode: null }]);
    const applicant = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const laureate = await makePublishedLaureate({ callId: call.id });
    const dossierId = laureate.application.id;

    // The storage cannot be written (its folder would be under a file): both documents fail, for real. One
    // attempt each instead of twelve (about 20 hours of back-off): the same end state, reached at once.
    const storageDir = process.env.STORAGE_DIR;
    const blocker = path.join(mkdtempSync(path.join(tmpdir(), "ptce-bloque-")), "fichier");
    writeFileSync(blocker, "");
    process.env.STORAGE_DIR = path.join(blocker, "stockage");
    resetStorage();
    let conventionId: string;
    try {
      ({ id: conventionId } = await prepareConvention(cna, dossierId));
      // The decision letter's job as the publication queues it (the laureate is written directly here).
      await db()
        .$executeRaw`SELECT graphile_worker.add_job('decision.letter', json_build_object('applicationId', ${dossierId}::text, 'event', 'publication'), job_key => ${`decision.letter:${dossierId}`}::text, max_attempts => 1)`;
      await db().$executeRawUnsafe("UPDATE graphile_worker._private_jobs SET max_attempts = 1");
      await settleJobs();
    } finally {
      process.env.STORAGE_DIR = storageDir;
      resetStorage();
    }

    const cnaView = await failedDocuments(cna, call.id);
    expect(cnaView.total).toBe(2);
    expect(cnaView.items.map((d) => d.taskLabel).sort()).toEqual([
      "Convention",
      "Lettre de décision",
    ]);
    for (const d of cnaView.items) {
      expect(d).toMatchObject({
        applicationId: dossierId,
        reference: laureate.application.reference,
        attempts: 1,
        canRetry: true,
      });
      expect(d.lastError).toMatch(/ENOTDIR|EEXIST|not a directory/);
    }
    const conventionFailure = cnaView.items.find((d) => d.task === "convention.document")!;
    expect(conventionFailure).toMatchObject({
      conventionId,
      conventionNumber: expect.stringMatching(/^PTCE-/),
    });
    expect(await conventionDocumentFailure(cna, conventionId)).toMatchObject({
      jobId: conventionFailure.jobId,
    });
    expect(
      (await db().convention.findUniqueOrThrow({ where: { id: conventionId } })).documentKey,
    ).toBeNull();
    expect((await failedDocuments(cna, other.id)).total).toBe(0);
    expect((await failedDocuments(admin, undefined)).items.map((d) => d.jobId).sort()).toEqual(
      cnaView.items.map((d) => d.jobId).sort(),
    );
    expect((await failedDocuments(admin, null)).total).toBe(0);
    // The decision page counts the dossier as failed: its letter (and so its e-mail) is not there.
    expect(await decisionDeliverySummary(cna, call.id)).toMatchObject({
      dossiers: { total: 1, sent: 0, pending: 0, failed: 1, logged: 0 },
      letterFailures: 1,
    });
    // Nobody else sees or relaunches them.
    await expect(failedDocuments(applicant, call.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(retryDocumentJob(applicant, conventionFailure.jobId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(retryDocumentJob(cna, "pas-un-travail")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    // « Relancer » the convention (the CNA), then the letter (an administrator): a fresh series of attempts, each
    // run to success by the worker; the letter's e-mail leaves with it.
    expect(await retryDocumentJob(cna, conventionFailure.jobId)).toMatchObject({
      task: "convention.document",
      taskLabel: "Convention",
      reference: laureate.application.reference,
    });
    await expect(retryDocumentJob(cna, conventionFailure.jobId)).rejects.toMatchObject({
      code: expect.stringMatching(/NOT_FOUND|INVALID_STATE/),
    });
    await settleJobs();
    expect(
      (await db().convention.findUniqueOrThrow({ where: { id: conventionId } })).documentKey,
    ).toEqual(expect.any(String));
    expect(await conventionDocumentFailure(cna, conventionId)).toBeNull();
    const left = await failedDocuments(cna, call.id);
    expect(left.items.map((d) => d.task)).toEqual(["decision.letter"]);
    await retryDocumentJob(admin, left.items[0]!.jobId);
    await settleJobs();
    expect(
      (await db().decision.findUniqueOrThrow({ where: { applicationId: dossierId } })).letterKey,
    ).toEqual(expect.any(String));
    expect((await failedDocuments(admin, undefined)).total).toBe(0);
    expect(await queuedJobs("convention.document")).toEqual([]);
    expect(await queuedJobs("decision.letter")).toEqual([]);
    const mail = await smtp.next(laureate.owner.email);
    expect(mail.attachments?.[0]).toMatchObject({ contentType: "application/pdf" });
    expect(await decisionDeliverySummary(cna, call.id)).toMatchObject({
      dossiers: { total: 1, sent: 1, failed: 0 },
      letterFailures: 0,
    });

    const audit = await db().auditEvent.findMany({
      where: { action: "job.retry" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((e) => [e.actorId, e.entityType, e.entityId])).toEqual([
      [cna.id, "Convention", conventionId],
      [admin.id, "Application", dossierId],
    ]);
    expect(audit[0]!.before).toMatchObject({
      task: "convention.document",
      attempts: 1,
      key: `convention.document:${conventionId}`,
    });
  }, 60_000);
});
