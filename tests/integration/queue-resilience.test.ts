// Nothing promised to a person is lost: the job queue against a real SMTP server that goes down, a worker
// killed in the middle of a batch, payloads that no longer match, a bad configuration and a refusal.
// The SMTP server is one of this file (smtp-server, the library smtp-tester is built on), so that it can be
// stopped and started again on the same port, be slow, hold its answers or refuse a mailbox; it records what
// it accepted: recipient and Message-ID (the notification's id, the same at every attempt).
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
import { resetMailTransport } from "@/lib/mail/transport";
import { acceptSelection, finalizeDecisions, publishDecisions } from "@/lib/national/mutations";
import { type NotificationInput, notify } from "@/lib/notifications/outbox";
import { makeActor, makeApplication, makeCall } from "../fixtures/factories";
import { makeJobsDue, queuedJobs, settleJobs } from "../fixtures/jobs";
import { makeCnaMember, makeRegionalResults, replay2025Specs } from "../fixtures/regional-results";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DOMAIN = "ami-ptce.example";

type Accepted = { to: string; messageId: string };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The Message-ID header of a raw message (headers unfolded). */
function messageIdOf(raw: string): string {
  const head = raw.slice(0, raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
  return /^message-id:\s*(<[^>]+>)/im.exec(head)?.[1] ?? "";
}

/**
 * A real SMTP server on a fixed port that can be stopped and started again. `delayMs` makes each acceptance
 * wait; `hold()` keeps every answer back (the messages are received, not accepted) until `forgetHeld()`; a
 * mailbox of `refused` is answered 550.
 */
async function mailCatcher() {
  const port = await freePort();
  const accepted: Accepted[] = [];
  const held: { messageId: string; accept(): void; drop(): void }[] = [];
  const refused = new Set<string>();
  let delayMs = 0;
  let holding = false;
  let server: SMTPServer | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        logger: false,
        disabledCommands: ["AUTH", "STARTTLS"],
        authOptional: true,
        closeTimeout: 100,
        onRcptTo(address, _session, callback) {
          if (refused.has(address.address.toLowerCase()))
            return callback(
              Object.assign(
                new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`),
                { responseCode: 550 },
              ),
            );
          callback();
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            const messageId = messageIdOf(Buffer.concat(chunks).toString());
            const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
            const answer = {
              messageId,
              // Recorded the instant before the 250 goes out: what the server accepted.
              accept() {
                for (const address of to) accepted.push({ to: address, messageId });
                callback(null, "OK");
              },
              drop() {
                callback(Object.assign(new Error("Service indisponible"), { responseCode: 421 }));
              },
            };
            if (holding) held.push(answer);
            else setTimeout(() => (holding ? held.push(answer) : answer.accept()), delayMs);
          });
        },
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server!.off("error", reject);
        // A sender that dies mid-session (the killed worker) resets its connections: expected here.
        server!.on("error", (error: NodeJS.ErrnoException) => {
          if (error.code !== "ECONNRESET" && error.code !== "EPIPE") throw error;
        });
        resolve();
      });
    });
  await start();
  return {
    port,
    url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
    accepted,
    held,
    refused,
    set delayMs(ms: number) {
      delayMs = ms;
    },
    start,
    /** Closes the port (its open connections too): the server is down. */
    stop: () =>
      new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    hold() {
      holding = true;
    },
    /** Answers nothing held any more (their senders are gone) and accepts again. */
    forgetHeld() {
      holding = false;
      for (const h of held.splice(0)) h.drop();
    },
    byAddress() {
      const counts = new Map<string, number>();
      for (const a of accepted) counts.set(a.to, (counts.get(a.to) ?? 0) + 1);
      return counts;
    },
  };
}
type Catcher = Awaited<ReturnType<typeof mailCatcher>>;

/** The worker of `npm run worker`, in a child process, on the test database. */
function childWorker(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: inject("databaseUrl"),
        MAIL_FROM: `AMI PTCE <ne-pas-repondre@${DOMAIN}>`,
        APP_URL: "https://ptce.test",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c));
  child.stderr.on("data", (c: Buffer) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitFor(
  what: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 60_000,
  everyMs = 20,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`Délai dépassé : ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const sentCount = () => db().notification.count({ where: { emailStatus: "SENT" } });
const idOf = (messageId: string) => /^<([^@]+)@/.exec(messageId)?.[1] ?? "";

/** `count` notifications of one batch (a reminder each), spread over `addresses` recipients, queued in one transaction. */
async function queueBatch(count: number, addresses: number): Promise<Map<string, string[]>> {
  const inputs: NotificationInput[] = Array.from({ length: count }, (_, i) => ({
    kind: "report.reminder",
    event: `test.batch:${i}`,
    mail: {
      to: `destinataire${i % addresses}@lot.test`,
      subject: `Rappel ${i}`,
      text: `Rappel numéro ${i}.`,
    },
  }));
  await db().$transaction((tx) => notify(tx, inputs));
  const rows = await db().notification.findMany({ select: { id: true, email: true } });
  const expected = new Map<string, string[]>();
  for (const r of rows)
    expected.set(r.email, [...(expected.get(r.email) ?? []), `<${r.id}@${DOMAIN}>`].sort());
  return expected;
}

/** The Message-IDs each address received, sorted. */
function receivedByAddress(catcher: Catcher): Map<string, string[]> {
  const got = new Map<string, string[]>();
  for (const a of catcher.accepted) got.set(a.to, [...(got.get(a.to) ?? []), a.messageId]);
  for (const list of got.values()) list.sort();
  return got;
}

let catcher: Catcher;
const stops: (() => Promise<void>)[] = [];
beforeEach(async () => {
  catcher = await mailCatcher();
  process.env.SMTP_URL = catcher.url;
  process.env.MAIL_FROM = `AMI PTCE <ne-pas-repondre@${DOMAIN}>`;
  process.env.APP_URL = "https://ptce.test";
  resetMailTransport();
});
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  vi.restoreAllMocks();
  await catcher.stop();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  delete process.env.WORKER_VERBOSE;
  resetMailTransport();
});

describe("the SMTP server down during a publication", () => {
  it("79 decisions: every delivery fails and waits, then once the server is back each applicant gets exactly one decision e-mail", async () => {
    const { call, dossiers } = await makeRegionalResults(replay2025Specs());
    const cna = await makeCnaMember(dossiers);
    await acceptSelection(cna, call.id);
    await finalizeDecisions(cna, call.id);

    await catcher.stop(); // the port is closed: connection refused
    resetMailTransport();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const infos = vi.spyOn(console, "info").mockImplementation(() => {});
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    process.env.WORKER_VERBOSE = "1"; // the log of each job's end
    expect(await publishDecisions(cna, call.id)).toEqual({ decisions: 79 });
    const worker = await startWorker({ concurrency: 5, pollInterval: 100, schedules: false });
    stops.push(() => worker.stop());
    expect(warnings.mock.calls.flat().join("\n")).toContain("le serveur SMTP ne répond pas");
    await waitFor("les 79 lettres et un premier essai de chaque e-mail", async () => {
      const letters = await queuedJobs("decision.letter");
      const tried = await db().notification.count({
        where: { kind: "decision.published", attempts: { gte: 1 } },
      });
      return letters.length === 0 && tried === 79;
    });
    await worker.stop();
    stops.pop();

    const failedPhase = await db().notification.findMany({ where: { kind: "decision.published" } });
    expect(failedPhase).toHaveLength(79); // the dossiers have no co-editor: one recipient each
    for (const n of failedPhase) {
      expect(n).toMatchObject({ emailStatus: "PENDING", sentAt: null });
      expect(n.lastError).toMatch(/ECONNREFUSED/);
    }
    // One try each as a rule (the 79 letters run first, then the 79 first tries fail well within graphile's
    // first back-off, e¹ ≈ 2.7 s); a slow machine may retry some before the server is back: each try is then
    // recorded once, on the notification and on its job, and logged once.
    const jobs = await queuedJobs("notification.deliver");
    expect(jobs).toHaveLength(79);
    const attemptsOf = new Map(failedPhase.map((n) => [n.id, n.attempts]));
    for (const j of jobs) expect(j.attempts).toBe(attemptsOf.get((j.payload as { id: string }).id));
    const lineIndex = (spy: typeof errors, text: string) =>
      spy.mock.calls.flatMap((c, i) =>
        String(c[0]).includes(text) && String(c[0]).includes("notification.deliver")
          ? [spy.mock.invocationCallOrder[i]!]
          : [],
      );
    const failures = lineIndex(errors, "Failed task");
    expect(failures).toHaveLength(failedPhase.reduce((s, n) => s + n.attempts, 0));
    expect(errors.mock.calls.find((c) => String(c[0]).includes("Failed task"))![0]).toMatch(
      /E-mail non envoyé \(nouvel essai prévu\) : ESOCKET connect ECONNREFUSED/,
    );

    // The server is back on the same port; the back-off is skipped instead of waited for.
    await catcher.start();
    const back = new Date();
    await makeJobsDue();
    const again = await startWorker({ concurrency: 5, pollInterval: 100, schedules: false });
    stops.push(() => again.stop());
    await settleJobs(60_000);
    const sent = await db().notification.findMany({ where: { kind: "decision.published" } });
    for (const n of sent) {
      expect(n).toMatchObject({
        emailStatus: "SENT",
        attempts: attemptsOf.get(n.id)! + 1,
        lastError: null,
      });
      expect(n.sentAt!.getTime()).toBeGreaterThanOrEqual(back.getTime());
    }
    const owners = new Set(dossiers.map((d) => d.owner.email.toLowerCase()));
    const decisionMails = catcher.accepted.filter((a) =>
      sent.some((n) => `<${n.id}@${DOMAIN}>` === a.messageId),
    );
    expect(decisionMails).toHaveLength(79);
    expect(new Set(decisionMails.map((m) => m.to))).toEqual(owners);
    for (const owner of owners) expect(decisionMails.filter((m) => m.to === owner)).toHaveLength(1);
    // The log: the failures, then one delivery per notification.
    const deliveries = lineIndex(infos, "Completed task");
    expect(deliveries).toHaveLength(79);
    expect(Math.max(...failures)).toBeLessThan(Math.min(...deliveries));
    expect(await queuedJobs()).toEqual([]);
  }, 240_000);
});

describe("a worker killed in the middle of a batch", () => {
  it("killed while five e-mails wait for the server's answer: the next worker sends them, no loss, no duplicate", async () => {
    const expected = await queueBatch(200, 50);
    catcher.delayMs = 20; // a slow server: the worker spends its time waiting for the answers
    const first = childWorker({ SMTP_URL: catcher.url, WORKER_CONCURRENCY: "5" });
    stops.push(async () => void first.child.kill("SIGKILL"));
    await waitFor("la moitié du lot acceptée", () => catcher.accepted.length >= 100);
    // The server keeps its answers back: the five jobs in flight all wait for it, none is between the server's
    // acceptance and the record of the sending (the instant where a crash would send twice).
    catcher.hold();
    await waitFor("cinq envois en attente de la réponse", () => catcher.held.length === 5);
    first.child.kill("SIGKILL");
    expect(await first.exited).toMatchObject({ signal: "SIGKILL" });
    const cutShort = catcher.held.map((h) => idOf(h.messageId)).sort();
    catcher.forgetHeld();
    const accepted = catcher.accepted.length;
    expect(accepted).toBeGreaterThanOrEqual(100);
    expect(accepted).toBeLessThan(200);
    expect(await sentCount()).toBe(accepted); // what the server accepted, and only that, is recorded as sent
    // The five cut short are left claimed by their jobs, which stay locked by the dead worker (graphile-worker
    // alone would leave them for 4 hours); a job finished just before may still be locked too, its end unwritten.
    const claimed = await db().notification.findMany({
      where: { emailStatus: "PENDING", claimedBy: { not: null } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    expect(claimed.map((n) => n.id).sort()).toEqual(cutShort);
    const stuck = (await queuedJobs("notification.deliver"))
      .filter((j) => j.locked_at)
      .map((j) => (j.payload as { id: string }).id);
    expect(stuck).toEqual(expect.arrayContaining(cutShort));

    await new Promise((r) => setTimeout(r, 1_100)); // older than the threshold below
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    const second = await startWorker({
      concurrency: 5,
      pollInterval: 100,
      schedules: false,
      staleLockMinutes: 1 / 60,
    });
    stops.push(() => second.stop());
    expect(warnings.mock.calls.map((c) => String(c[0]))).toContainEqual(
      expect.stringContaining("travaux d'un processus arrêté rendus à la file"),
    );
    await waitFor("tout le lot envoyé", async () => (await sentCount()) === 200);
    await settleJobs();
    expect(await db().notification.count({ where: { emailStatus: { not: "SENT" } } })).toBe(0);
    expect(receivedByAddress(catcher)).toEqual(expected); // each address its four e-mails, once each
    expect(catcher.accepted).toHaveLength(200);
    expect(await queuedJobs()).toEqual([]);
  }, 120_000);

  it("killed at any instant: nothing is lost, and a second e-mail can only be one in flight, with the same Message-ID", async () => {
    const expected = await queueBatch(200, 50);
    catcher.delayMs = 30;
    const first = childWorker({ SMTP_URL: catcher.url, WORKER_CONCURRENCY: "5" });
    stops.push(async () => void first.child.kill("SIGKILL"));
    await waitFor("la moitié du lot envoyée", async () => (await sentCount()) >= 100, 60_000, 5);
    first.child.kill("SIGKILL");
    expect(await first.exited).toMatchObject({ signal: "SIGKILL" });
    // The notifications the dead worker had claimed and not recorded: the only ones whose e-mail may have been
    // accepted without being recorded as sent, one per job at once at most.
    const inFlight = new Set(
      (
        await db().notification.findMany({
          where: { emailStatus: "PENDING", claimedBy: { not: null } },
          select: { id: true },
        })
      ).map((n) => n.id),
    );
    expect(inFlight.size).toBeLessThanOrEqual(5);

    await new Promise((r) => setTimeout(r, 1_100));
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const second = await startWorker({
      concurrency: 5,
      pollInterval: 100,
      schedules: false,
      staleLockMinutes: 1 / 60,
    });
    stops.push(() => second.stop());
    await waitFor("tout le lot envoyé", async () => (await sentCount()) === 200);
    await settleJobs();

    const got = receivedByAddress(catcher);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [address, ids] of expected) expect(new Set(got.get(address))).toEqual(new Set(ids)); // no loss
    const times = new Map<string, number>();
    for (const a of catcher.accepted) times.set(a.messageId, (times.get(a.messageId) ?? 0) + 1);
    const twice = [...times].filter(([, n]) => n > 1);
    for (const [messageId, n] of twice) {
      expect(n).toBe(2);
      expect(inFlight).toContain(idOf(messageId));
    }
    expect(catcher.accepted).toHaveLength(200 + twice.length);
  }, 120_000);
});

describe("payloads that no longer match", () => {
  it("a letter of a deleted dossier, a deleted notification, a receipt of a deleted dossier, an unreadable payload: each ends once with one clear line", async () => {
    const owner = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const { call } = await makeCall();
    const gone = await makeApplication({ callId: call.id, owner });
    await settleJobs(); // whatever the factories queued
    const before = catcher.accepted.length;
    await db().$transaction(async (tx) => {
      await enqueue(tx, "decision.letter", [
        {
          payload: { applicationId: gone.id, event: "publication" },
          key: `decision.letter:${gone.id}`,
        },
      ]);
      await notify(tx, [
        {
          kind: "dossier.message",
          event: "test.supprimee",
          mail: { to: "effacee@lot.test", subject: "Message", text: "Un message." },
        },
        {
          kind: "dossier.receipt",
          event: `dossier.receipt:${gone.id}`,
          mail: {
            to: "porteur@lot.test",
            subject: "Accusé de réception",
            text: "Votre dossier est déposé.",
          },
          documents: [{ receiptOf: gone.id, filename: "accuse-de-reception.pdf" }],
          applicationId: gone.id,
        },
      ]);
      await enqueue(tx, "notification.deliver", [
        { payload: { id: 42 } as never, key: "test:illisible" },
      ]);
    });
    const deleted = await db().notification.findUniqueOrThrow({
      where: { key: "test.supprimee|effacee@lot.test" },
    });
    await db().notification.delete({ where: { id: deleted.id } });
    await db().application.delete({ where: { id: gone.id } });

    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    await settleJobs();
    const lines = [...errors.mock.calls, ...warnings.mock.calls].map((c) => String(c[0]));
    const about = (text: string) => lines.filter((l) => l.includes(text));
    expect(about(gone.id)).toEqual([
      `Lettre de décision du dossier ${gone.id} : décision introuvable ou non publiée ; travail abandonné.`,
    ]);
    expect(about("accuse-de-reception")).toEqual([
      expect.stringMatching(
        /^Notification \S+ \(dossier\.receipt, porteur@lot\.test\) : Pièce jointe introuvable : accuse-de-reception\.pdf ; e-mail abandonné\.$/,
      ),
    ]);
    expect(about(deleted.id)).toEqual([
      `Notification ${deleted.id} introuvable (supprimée depuis) : aucun e-mail envoyé, travail terminé.`,
    ]);
    expect(about("contenu inattendu")).toEqual([
      expect.stringMatching(
        /^\[travaux notification\.deliver\] Travail « notification\.deliver » \d+ abandonné : contenu inattendu \{"id":42\}\.$/,
      ),
    ]);
    expect(lines).toHaveLength(4);
    expect(about("Failed task")).toEqual([]); // none was thrown, so none will be tried again
    expect(await queuedJobs()).toEqual([]);
    expect(
      await db().notification.findUniqueOrThrow({
        where: { key: `dossier.receipt:${gone.id}|porteur@lot.test` },
      }),
    ).toMatchObject({
      emailStatus: "FAILED",
      attempts: 1,
      lastError: "Pièce jointe introuvable : accuse-de-reception.pdf",
    });
    expect(catcher.accepted.length).toBe(before);
  });
});

describe("bad configuration and refusals", () => {
  it("an invalid SMTP_URL is reported at start-up, in the process and by `npm run worker`, which exits with 1", async () => {
    for (const url of ["smtp//mauvais", "http://x"]) {
      process.env.SMTP_URL = url;
      resetMailTransport();
      await expect(startWorker({ schedules: false })).rejects.toThrow(
        /^Configuration invalide \(SMTP_URL : attendue sous la forme smtp:\/\/utilisateur:motdepasse@hôte:587 ou smtps:\/\/hôte:465\)/,
      );
    }
    const child = childWorker({ SMTP_URL: "http://x" });
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(child.output().stderr).toContain(
      "[travaux] démarrage impossible : Configuration invalide (SMTP_URL : attendue sous la forme smtp://utilisateur:motdepasse@hôte:587 ou smtps://hôte:465)",
    );
  }, 60_000);

  it("a mailbox the server refuses (5xx) is FAILED at once with the server's answer, not retried", async () => {
    catcher.refused.add("inconnu@lot.test");
    await db().$transaction((tx) =>
      notify(
        tx,
        ["inconnu@lot.test", "connu@lot.test"].map((to) => ({
          kind: "report.reminder" as const,
          event: "test.refus",
          mail: { to, subject: "Rappel", text: "Un rappel." },
        })),
      ),
    );
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await settleJobs();
    expect(
      await db().notification.findUniqueOrThrow({ where: { key: "test.refus|inconnu@lot.test" } }),
    ).toMatchObject({
      emailStatus: "FAILED",
      attempts: 1,
      lastError: "EENVELOPE 550 5.1.1 <inconnu@lot.test>: Recipient address rejected: User unknown",
      sentAt: null,
    });
    expect(
      await db().notification.findUniqueOrThrow({ where: { key: "test.refus|connu@lot.test" } }),
    ).toMatchObject({ emailStatus: "SENT", attempts: 1 });
    expect(catcher.accepted.map((a) => a.to)).toEqual(["connu@lot.test"]);
    expect(await queuedJobs()).toEqual([]);
    expect(
      errors.mock.calls.map((c) => String(c[0])).filter((l) => l.includes("Failed task")),
    ).toEqual([]);
  });
});
