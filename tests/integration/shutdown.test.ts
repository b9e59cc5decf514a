// Graceful shutdown of the job queue's worker (scripts/worker.ts, as `npm start` spawns it and as a deployment
// runs it): on SIGTERM the jobs it is running finish, it takes no new one and exits 0; what it had not started
// waits in the queue, unlocked, for the next worker. The SMTP server takes a second per message, so that jobs are
// in flight when the signal comes.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetMailTransport } from "@/lib/mail/transport";
import { notify } from "@/lib/notifications/outbox";
import { ROOT } from "../../scripts/lib/schema-engine.ts";
import { WORKER_ARGS } from "../../scripts/lib/worker-process.ts";
import { queuedJobs, settleJobs } from "../fixtures/jobs";

const SMTP_DELAY_MS = 1000;
type Received = { to: string; acceptedAt: number };
const received: Received[] = [];
const smtpServer = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    stream.resume();
    stream.on("end", () =>
      setTimeout(() => {
        for (const to of session.envelope.rcptTo)
          received.push({ to: to.address, acceptedAt: Date.now() });
        callback();
      }, SMTP_DELAY_MS),
    );
  },
});
let smtpUrl = "";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  await new Promise<void>((resolve) => smtpServer.listen(port, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${port}/?ignoreTLS=true`;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetMailTransport();
  await new Promise<void>((resolve) => smtpServer.close(() => resolve()));
});

/** The worker as its own process, on the test database and the slow SMTP server. */
function startWorkerProcess() {
  const child = spawn(process.execPath, WORKER_ARGS, {
    cwd: ROOT,
    env: { ...process.env, SMTP_URL: smtpUrl, WORKER_CONCURRENCY: "3" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += String(d)));
  child.stderr.on("data", (d) => (output += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, exited, output: () => output };
}

async function until<T>(
  what: string,
  read: () => Promise<T | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Attendu en vain : ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const lockedNotifications = async () =>
  (await queuedJobs("notification.deliver"))
    .filter((j) => j.locked_at !== null)
    .map((j) => (j.payload as { id: string }).id);

describe("the worker on SIGTERM", () => {
  it("finishes the jobs it runs, exits 0, and leaves the others queued and unlocked for the next worker", {
    timeout: 90_000,
  }, async () => {
    const recipients = Array.from({ length: 9 }, (_, i) => `arret${i}@test.fr`);
    await db().$transaction((tx) =>
      notify(
        tx,
        recipients.map((to) => ({
          kind: "report.reminder" as const,
          event: `arret-gracieux:${to}`,
          mail: { to, subject: "Rappel", text: "Votre bilan est attendu." },
        })),
      ),
    );
    const notifications = await db().notification.findMany({ select: { id: true, email: true } });
    expect(notifications).toHaveLength(recipients.length);
    const emailOf = new Map(notifications.map((n) => [n.id, n.email]));

    const worker = startWorkerProcess();
    // Three jobs running at once (WORKER_CONCURRENCY), each held a second by the SMTP server.
    const running = await until("des travaux en cours", async () => {
      const locked = await lockedNotifications();
      return locked.length === 3 && locked;
    });
    const signalledAt = Date.now();
    worker.child.kill("SIGTERM");
    const exit = await worker.exited;
    expect({ code: exit.code, signal: exit.signal }, worker.output()).toEqual({
      code: 0,
      signal: null,
    });
    // It waited for its jobs: the messages it was sending were accepted before it exited, not cut short.
    const runningMails = received.filter((r) => running.some((id) => emailOf.get(id) === r.to));
    expect(runningMails.map((r) => r.to).sort()).toEqual(
      running.map((id) => emailOf.get(id)).sort(),
    );
    for (const mail of runningMails) expect(mail.acceptedAt).toBeLessThanOrEqual(exit.at);
    expect(exit.at - signalledAt).toBeLessThan(15_000);

    // Every job it started is done (its notification SENT, its job gone); the others wait, never tried, unlocked.
    const rows = await db().notification.findMany({
      select: { id: true, email: true, emailStatus: true, attempts: true },
    });
    const jobs = await queuedJobs("notification.deliver");
    const sent = rows.filter((r) => r.emailStatus === "SENT");
    const waiting = rows.filter((r) => r.emailStatus !== "SENT");
    for (const id of running) expect(sent.map((r) => r.id)).toContain(id);
    expect(sent.map((r) => r.email).sort()).toEqual(received.map((r) => r.to).sort());
    const idOf = (j: { payload: unknown }) => (j.payload as { id: string }).id;
    expect(
      jobs.filter((j) => sent.some((r) => r.id === idOf(j))),
      "travail terminé (e-mail envoyé) mais resté dans la file : sa fin n'a pas été enregistrée avant la sortie",
    ).toEqual([]);
    expect(
      jobs.filter((j) => j.locked_at !== null || j.attempts !== 0),
      "travail resté verrouillé ou compté comme essayé",
    ).toEqual([]);
    expect(waiting.length).toBeGreaterThan(0);
    for (const r of waiting) expect(r).toMatchObject({ emailStatus: "PENDING", attempts: 0 });
    expect(jobs.map(idOf).sort()).toEqual(waiting.map((r) => r.id).sort());
    const lockedQueues = await db().$queryRawUnsafe<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM graphile_worker._private_job_queues WHERE locked_at IS NOT NULL",
    );
    expect(lockedQueues).toEqual([{ n: 0 }]);

    // The next worker (here in the test process) sends the rest, each once.
    process.env.SMTP_URL = smtpUrl;
    resetMailTransport();
    await settleJobs(60_000);
    expect(await db().notification.count({ where: { emailStatus: "SENT" } })).toBe(
      recipients.length,
    );
    expect(received.map((r) => r.to).sort()).toEqual([...recipients].sort());
    expect(await queuedJobs("notification.deliver")).toEqual([]);
  });
});
