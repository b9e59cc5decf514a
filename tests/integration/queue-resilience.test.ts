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
import { notify, type NotificationInput } from "@/lib/notifications/outbox";
import { makeActor, makeApplication, makeCall } from "../fixtures/factories";
import { makeJobsDue, settleJobs } from "../fixtures/jobs";
import { makeCnaMember, makeRegionalResults, replay2025Specs } from "../fixtures/regional-results";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DOMAIN = "ami-ptce.example";

type Accepted = { to: string; messageId: string; at: number };

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
 * wait; `hold()` keeps every answer back (the messages are received, not accepted) until `release()`; a
 * mailbox of `refused` is answered 550.
 */
async function mailCatcher() {
  const port = await freePort();
  const accepted: Accepted[] = [];
  const held: { accept(): void; drop(): void }[] = [];
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
          if (refused.has(address.address.toLowerCase())) return callback(Object.assign(new Error("5.1.1 Boîte aux lettres inconnue"), { responseCode: 550 }));
          callback();
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            const messageId = messageIdOf(Buffer.concat(chunks).toString());
            const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
            const answer = {
              // Recorded the instant before the 250 goes out: what the server accepted.
              accept() {
                for (const address of to) accepted.push({ to: address, messageId, at: Date.now() });
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
      server.listen(port, "127.0.0.1", () => resolve());
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
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
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
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: inject("databaseUrl"), MAIL_FROM: `AMI PTCE <ne-pas-repondre@${DOMAIN}>`, APP_URL: "https://ptce.test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c));
  child.stderr.on("data", (c: Buffer) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 60_000, everyMs = 20): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`Délai dépassé : ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The jobs in the queue (graphile-worker's tables: its `jobs` view has no payload). */
async function queuedJobs(task?: string) {
  return db().$queryRawUnsafe<{ id: string; task: string; payload: unknown; attempts: number; max_attempts: number; last_error: string | null; locked_by: string | null }[]>(
    `SELECT j.id::text, t.identifier AS task, j.payload, j.attempts, j.max_attempts, j.last_error, j.locked_by
     FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id ${task ? "WHERE t.identifier = $1" : ""} ORDER BY j.id`,
    ...(task ? [task] : []),
  );
}

const sentCount = () => db().notification.count({ where: { emailStatus: "SENT" } });
const idOf = (messageId: string) => /^<([^@]+)@/.exec(messageId)?.[1] ?? "";

/** `count` notifications of one batch (a reminder each), spread over `addresses` recipients, queued in one transaction. */
async function queueBatch(count: number, addresses: number): Promise<Map<string, string[]>> {
  const inputs: NotificationInput[] = Array.from({ length: count }, (_, i) => ({
    kind: "report.reminder",
    event: `test.batch:${i}`,
    mail: { to: `destinataire${i % addresses}@lot.test`, subject: `Rappel ${i}`, text: `Rappel numéro ${i}.` },
  }));
  await db().$transaction((tx) => notify(tx, inputs));
  const rows = await db().notification.findMany({ select: { id: true, email: true } });
  const expected = new Map<string, string[]>();
  for (const r of rows) expected.set(r.email, [...(expected.get(r.email) ?? []), `<${r.id}@${DOMAIN}>`].sort());
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
    let t = performance.now();
    expect(await publishDecisions(cna, call.id)).toEqual({ decisions: 79 });
    const worker = await startWorker({ concurrency: 5, pollInterval: 100, schedules: false });
    stops.push(() => worker.stop());
    expect(warnings.mock.calls.flat().join("\n")).toContain("le serveur SMTP ne répond pas");
    await waitFor("les 79 lettres et un premier essai de chaque e-mail", async () => {
      const letters = await queuedJobs("decision.letter");
      const tried = await db().notification.count({ where: { kind: "decision.published", attempts: { gte: 1 } } });
      return letters.length === 0 && tried === 79;
    });
    console.log(`lettres + premiers essais : ${Math.round(performance.now() - t)} ms`);
    await worker.stop();
    stops.pop();

    const failedPhase = await db().notification.findMany({ where: { kind: "decision.published" } });
    expect(failedPhase).toHaveLength(79); // the dossiers have no co-editor: one recipient each
    for (const n of failedPhase) {
      expect(n).toMatchObject({ emailStatus: "PENDING", sentAt: null });
      expect(n.lastError).toMatch(/ECONNREFUSED/);
    }
    console.log(`attempts: ${failedPhase.map((n) => n.attempts).join(",")}`);
    const jobs = await queuedJobs("notification.deliver");
    expect(jobs).toHaveLength(79);
    const attemptsOf = new Map(failedPhase.map((n) => [n.id, n.attempts]));
    for (const j of jobs) expect(j.attempts).toBe(attemptsOf.get((j.payload as { id: string }).id)); // each failure recorded once
    const failureLines = errors.mock.calls.map((c) => String(c[0])).filter((l) => l.includes("Failed task") && l.includes("notification.deliver"));
    expect(failureLines.length).toBe(failedPhase.reduce((s, n) => s + n.attempts, 0));
    expect(failureLines[0]).toMatch(/ECONNREFUSED/);

    // The server is back on the same port; the back-off is skipped instead of waited for.
    await catcher.start();
    const back = new Date();
    infos.mockClear();
    await makeJobsDue();
    t = performance.now();
    await settleJobs(60_000);
    console.log(`envois : ${Math.round(performance.now() - t)} ms`);
    const sent = await db().notification.findMany({ where: { kind: "decision.published" } });
    for (const n of sent) {
      expect(n).toMatchObject({ emailStatus: "SENT", attempts: attemptsOf.get(n.id)! + 1, lastError: null });
      expect(n.sentAt!.getTime()).toBeGreaterThanOrEqual(back.getTime());
    }
    const owners = new Set(dossiers.map((d) => d.owner.email.toLowerCase()));
    const decisionMails = catcher.accepted.filter((a) => sent.some((n) => `<${n.id}@${DOMAIN}>` === a.messageId));
    expect(decisionMails).toHaveLength(79);
    expect(new Set(decisionMails.map((m) => m.to))).toEqual(owners);
    for (const owner of owners) expect(decisionMails.filter((m) => m.to === owner)).toHaveLength(1);
    expect(infos.mock.calls.map((c) => String(c[0])).filter((l) => l.includes("Completed task") && l.includes("notification.deliver"))).toHaveLength(79);
    expect(await queuedJobs()).toEqual([]);
  }, 240_000);
});
