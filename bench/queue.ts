// `npx tsx --conditions=react-server bench/queue.ts`: figures of the job queue (issue « Nothing promised to a
// person is lost »), on a fresh database of the local PostgreSQL (DATABASE_URL's server, else the embedded bench
// cluster; dropped at the end), against a local SMTP catcher (smtp-tester, in a child process as a real mail
// server would be: its parsing of each message does not take the worker's time):
//   1. publication of N decisions (79, 5 000): the time of `publishDecisions` (the request), then until every
//      letter is written and until every decision e-mail is received, with the worker (startWorker, in this
//      process) at 5 and 10 jobs at once;
//   2. the worker's throughput: M plain notifications queued at once, the time until all are received, at 1, 5
//      and 10 jobs at once.
//   --sizes 79,5000  --concurrency 5,10  --emails 1000  --throughput 1,5,10
// Prints figures; asserts nothing (it stops if an e-mail is missing or received twice).

import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createDatabase, dropDatabase, startServer } from "../scripts/lib/database.ts";
import { applyMigrations, ROOT } from "../scripts/lib/schema-engine.ts";
import { seededRandom } from "../scripts/lib/seeded-random.ts";
import { arg } from "./lib.ts";

const list = (name: string, fallback: string) =>
  arg(name, fallback)
    .split(",")
    .map(Number)
    .filter((n) => n > 0);
const SIZES = list("sizes", "79,5000");
const CONCURRENCY = list("concurrency", "5,10");
const EMAILS = Number(arg("emails", "1000"));
const THROUGHPUT = list("throughput", "1,5,10");
const DOMAIN = "ami-ptce.example";
const s = (ms: number) => Math.round(ms / 100) / 10;
const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

// ───────────────────────── The SMTP catcher (child process) ─────────────────────────

const CATCHER = `
const smtpTester = require("smtp-tester");
const server = smtpTester.init(Number(process.env.CATCHER_PORT));
server.bind((_address, id, email) => {
  process.send({ to: Object.keys(email.receivers), messageId: email.headers["message-id"] });
  server.remove(id);
});
server.smtpServer.server.once("listening", () => process.send({ ready: true }));
process.on("disconnect", () => server.stop(() => process.exit(0)));
`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Every message received, by Message-ID (how many times) and by recipient. */
const received = {
  byMessageId: new Map<string, number>(),
  byAddress: new Map<string, number>(),
  total: 0,
};
async function startCatcher(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["-e", CATCHER], {
    cwd: ROOT,
    env: { ...process.env, CATCHER_PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) =>
      reject(new Error(`Le serveur SMTP de mesure s'est arrêté (code ${code}).`)),
    );
    child.on("message", (m: { ready?: true; to?: string[]; messageId?: string }) => {
      if (m.ready) return resolve();
      received.total++;
      received.byMessageId.set(m.messageId!, (received.byMessageId.get(m.messageId!) ?? 0) + 1);
      for (const to of m.to!) received.byAddress.set(to, (received.byAddress.get(to) ?? 0) + 1);
    });
  });
  return { url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`, child };
}

// ───────────────────────── The database ─────────────────────────

const server = await startServer("bench");
const url = await createDatabase(server.url, "ptce_bench_queue");
await applyMigrations(url);
process.env.DATABASE_URL = url;
process.env.STORAGE_DIR = mkdtempSync(path.join(os.tmpdir(), "ptce-mesure-file-"));
process.env.MAIL_FROM = `AMI PTCE <ne-pas-repondre@${DOMAIN}>`;
process.env.APP_URL = "https://ptce.test";
const catcher = await startCatcher();
process.env.SMTP_URL = catcher.url;

const { db, disconnect } = await import("@/lib/db");
const { createCall } = await import("@/lib/calls/mutations");
const { startWorker } = await import("@/lib/jobs/worker");
const { acceptSelection, finalizeDecisions, publishDecisions } = await import(
  "@/lib/national/mutations"
);
const { notify } = await import("@/lib/notifications/outbox");
const { REGIONS } = await import("@/lib/regions/catalog");
const { syncRegionCatalog } = await import("@/lib/regions/mutations");
const { loadActor } = await import("@/lib/users/data");
const { createUser } = await import("@/lib/users/mutations");
const { CALL_2025 } = await import("@/prisma/demo");

async function insertInBatches<T>(
  rows: T[],
  insert: (batch: T[]) => Promise<unknown>,
  size = 2_000,
) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

const random = seededRandom(20251218);

await syncRegionCatalog();
const adminUser = await createUser(null, {
  email: "admin@file.test",
  name: "Administration",
  password: "mot de passe des mesures",
  emailVerified: true,
  roles: [{ role: "ADMIN", regionCode: null }],
});
const admin = (await loadActor(adminUser.id, 0))!;
const cnaUser = await createUser(null, {
  email: "cna@file.test",
  name: "Cellule nationale",
  password: "mot de passe des mesures",
  emailVerified: true,
  roles: [{ role: "CNA_MEMBER", regionCode: null }],
});
const cna = (await loadActor(cnaUser.id, 0))!;
const passwordHash = (await db().user.findUniqueOrThrow({ where: { id: admin.id } })).passwordHash;

/**
 * A call in national analysis with `n` dossiers of `n` distinct applicants (`porteurK.<tag>@file.test`), finalised
 * by their regions: two submitted evaluations with per-criterion scores each (the letter shows them), the regional
 * opinion, amount and rank. Bulk inserts, as bench/generate.ts.
 */
async function seedCall(n: number, tag: string) {
  const call = await createCall(admin, {
    ...CALL_2025,
    slug: `mesure-file-${tag}`,
    title: `Appel des mesures de la file (${tag})`,
    qualityThreshold: 0,
    adjustLastGrant: false,
    grantorName: "Ministère chargé de l'économie sociale et solidaire",
    grantorSiret: "11000201100044",
  });
  await db().call.update({
    where: { id: call.id },
    data: { phase: "NATIONAL_REVIEW", publishedAt: new Date() },
  });
  const criteria = await db().criterion.findMany({
    where: { callId: call.id },
    orderBy: { position: "asc" },
  });
  const users: Prisma.UserCreateManyInput[] = [];
  const roles: Prisma.RoleAssignmentCreateManyInput[] = [];
  const person = (
    email: string,
    name: string,
    role: Prisma.RoleAssignmentCreateManyInput["role"],
    regionCode: string | null,
  ) => {
    const id = randomUUID();
    users.push({ id, email, name, passwordHash, emailVerifiedAt: new Date() });
    roles.push({ userId: id, role, regionCode });
    return id;
  };
  const evaluators = new Map(
    REGIONS.map((r) => [
      r.code,
      [1, 2].map((k) =>
        person(
          `evaluation${k}.${r.slug.toLowerCase()}.${tag}@file.test`,
          `Évaluation ${k}`,
          "CRA_EVALUATOR",
          r.code,
        ),
      ),
    ]),
  );
  const poles: Prisma.PoleCreateManyInput[] = [];
  const applications: Prisma.ApplicationCreateManyInput[] = [];
  const assignments: Prisma.EvaluatorAssignmentCreateManyInput[] = [];
  const evaluations: Prisma.EvaluationCreateManyInput[] = [];
  const scores: Prisma.CriterionScoreCreateManyInput[] = [];
  const opinions: (Prisma.RegionalOpinionCreateManyInput & { regionCode: string })[] = [];
  for (let i = 0; i < n; i++) {
    const region = REGIONS[i % REGIONS.length]!;
    const departement = region.departements[0]!;
    const ownerId = person(
      `porteur${i + 1}.${tag}@file.test`,
      `Porteur ${i + 1}`,
      "APPLICANT",
      null,
    );
    const poleId = randomUUID();
    const applicationId = randomUUID();
    const territoryType = (["RURAL", "QPV", "URBAN", "URBAN"] as const)[i % 4]!;
    poles.push({
      id: poleId,
      ownerId,
      name: `PTCE ${region.name} ${i + 1}`,
      carrierName: `Association ${i + 1}`,
      siret: "73282932000074",
      legalForm: "ASSOCIATION",
      addressLine: `${i + 1} rue de la Coopération`,
      postalCode: `${departement.code.padStart(2, "0")}000`.slice(0, 5),
      city: "Commune",
      departementCode: departement.code,
      regionCode: region.code,
      territoryType,
    });
    const amount = (40_000 + Math.floor(random() * 41) * 1_000) * 100;
    applications.push({
      id: applicationId,
      callId: call.id,
      poleId,
      ownerId,
      regionCode: region.code,
      territoryType,
      reference: `MQ${tag}-${region.slug}-${String(i + 1).padStart(4, "0")}`,
      status: "REGIONAL_DONE",
      title: `Projet coopératif ${i + 1}`,
      amountRequestedCents: amount + 5_000_00,
      submittedAt: new Date("2025-11-01T10:00:00Z"),
    });
    let total = 0;
    for (const evaluatorId of evaluators.get(region.code)!) {
      assignments.push({ applicationId, evaluatorId, assignedById: evaluatorId });
      const evaluationId = randomUUID();
      let weighted = 0;
      for (const k of criteria) {
        const score = Math.floor(random() * (k.maxScore + 1));
        weighted += (score * k.weightBps) / k.maxScore;
        scores.push({
          evaluationId,
          criterionId: k.id,
          score,
          comment: "Appréciation argumentée du critère.",
        });
      }
      total += Math.round(weighted);
      evaluations.push({
        id: evaluationId,
        applicationId,
        evaluatorId,
        status: "SUBMITTED",
        recommendation: "FAVORABLE",
        weightedScore: Math.round(weighted),
        submittedAt: new Date("2025-11-10T10:00:00Z"),
      });
    }
    const score = Math.round(total / 2);
    const opinion =
      score >= 6000
        ? ("FAVORABLE" as const)
        : score >= 4500
          ? ("RESERVED" as const)
          : ("UNFAVORABLE" as const);
    opinions.push({
      applicationId,
      regionCode: region.code,
      opinion,
      consolidatedScore: score,
      proposedAmountCents: opinion === "UNFAVORABLE" ? 0 : amount,
      motivation: "Avis motivé de la cellule régionale.",
      authorId: admin.id,
      rank: 0,
    });
  }
  const byRegion = new Map<string, typeof opinions>();
  for (const o of opinions) byRegion.set(o.regionCode, [...(byRegion.get(o.regionCode) ?? []), o]);
  for (const regionList of byRegion.values())
    regionList
      .sort((a, b) => b.consolidatedScore - a.consolidatedScore)
      .forEach((o, i) => {
        o.rank = i + 1;
      });
  await insertInBatches(users, (b) => db().user.createMany({ data: b }));
  await insertInBatches(roles, (b) => db().roleAssignment.createMany({ data: b }));
  await insertInBatches(poles, (b) => db().pole.createMany({ data: b }));
  await insertInBatches(applications, (b) => db().application.createMany({ data: b }));
  await insertInBatches(assignments, (b) => db().evaluatorAssignment.createMany({ data: b }));
  await insertInBatches(evaluations, (b) => db().evaluation.createMany({ data: b }));
  await insertInBatches(scores, (b) => db().criterionScore.createMany({ data: b }), 5_000);
  await insertInBatches(
    opinions.map(({ regionCode: _r, ...o }) => o),
    (b) => db().regionalOpinion.createMany({ data: b }),
  );
  await db().regionalReview.createMany({
    data: [...byRegion.keys()].map((regionCode) => ({
      callId: call.id,
      regionCode,
      status: "FINALIZED" as const,
      finalizedAt: new Date("2025-11-16T18:00:00Z"),
      finalizedById: admin.id,
    })),
  });
  await db().$executeRawUnsafe("ANALYZE");
  return call;
}

/** The job running for the longest time (a job that hangs shows here). */
async function longestJob(): Promise<string> {
  const [job] = await db().$queryRawUnsafe<
    { id: string; task: string; seconds: number; locked_by: string }[]
  >(
    `SELECT j.id::text, t.identifier AS task, extract(epoch FROM now() - j.locked_at)::int AS seconds, j.locked_by FROM graphile_worker._private_jobs j
     JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.locked_at IS NOT NULL ORDER BY j.locked_at LIMIT 1`,
  );
  return job
    ? `, plus long travail en cours : ${job.task} ${job.id} depuis ${job.seconds} s (${job.locked_by})`
    : "";
}

/** A stopped worker should leave no job locked (the sweep of the next one would give it back only 10 minutes later). */
async function stopWorker(worker: { stop(): Promise<void> }) {
  await worker.stop();
  const left = await db().$queryRawUnsafe<
    { id: string; task: string; locked_by: string; attempts: number }[]
  >(
    "SELECT j.id::text, t.identifier AS task, j.locked_by, j.attempts FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.locked_at IS NOT NULL",
  );
  if (left.length)
    log(`  travaux encore verrouillés après l'arrêt du worker : ${JSON.stringify(left)}`);
}

/** Waits until `done()`; logs the progress every 10 s. */
async function until(
  what: string,
  done: () => Promise<boolean> | boolean,
  progress: () => string,
  timeoutMs = 3 * 3_600_000,
) {
  const started = Date.now();
  let next = started + 10_000;
  while (!(await done())) {
    if (Date.now() > started + timeoutMs)
      throw new Error(`Délai dépassé : ${what} (${progress()})`);
    if (Date.now() > next) {
      log(`  ${what} : ${progress()}${await longestJob()}`);
      next += 10_000;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The e-mails of a run: one per address of `tag`, each Message-ID once. */
function check(tag: string, expected: number) {
  const addresses = [...received.byAddress].filter(([a]) => a.endsWith(`.${tag}@file.test`));
  const count = addresses.reduce((sum, [, k]) => sum + k, 0);
  const twice = addresses.filter(([, k]) => k > 1).length;
  if (count !== expected || twice)
    throw new Error(
      `Mesure ${tag} : ${count} e-mails reçus pour ${expected} attendus, ${twice} adresses servies deux fois.`,
    );
}
const receivedFor = (tag: string) =>
  [...received.byAddress].reduce(
    (sum, [a, k]) => (a.endsWith(`.${tag}@file.test`) ? sum + k : sum),
    0,
  );

const lettersLeft = async () =>
  (
    await db().$queryRawUnsafe<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'decision.letter'",
    )
  )[0]!.n;

// ───────────────────────── 1. Publication ─────────────────────────

const publication: Record<string, unknown>[] = [];
for (const n of SIZES) {
  for (const concurrency of CONCURRENCY) {
    const tag = `p${n}c${concurrency}`;
    let t = performance.now();
    const call = await seedCall(n, tag);
    log(`${n} dossiers écrits en ${s(performance.now() - t)} s`);
    t = performance.now();
    await acceptSelection(cna, call.id);
    await finalizeDecisions(cna, call.id);
    log(`liste acceptée et finalisée en ${s(performance.now() - t)} s`);
    const worker = await startWorker({ concurrency, schedules: false });
    const started = performance.now();
    await publishDecisions(cna, call.id);
    const published = performance.now() - started;
    let lettersDone = 0;
    await until(
      `${n} décisions, ${concurrency} travaux à la fois`,
      async () => {
        if (!lettersDone && (await lettersLeft()) === 0) lettersDone = performance.now() - started;
        return lettersDone > 0 && receivedFor(tag) >= n;
      },
      () => `${receivedFor(tag)} e-mails reçus${lettersDone ? ", lettres écrites" : ""}`,
    );
    const delivered = performance.now() - started;
    await stopWorker(worker);
    check(tag, n);
    const sent = await db().notification.count({
      where: { callId: call.id, kind: "decision.published", emailStatus: "SENT" },
    });
    if (sent !== n) throw new Error(`Mesure ${tag} : ${sent} notifications envoyées pour ${n}.`);
    const row = {
      décisions: n,
      "travaux à la fois": concurrency,
      "publication (requête, s)": s(published),
      "lettres écrites (s)": s(lettersDone),
      "e-mails reçus (s)": s(delivered),
      "décisions par seconde": Math.round((n / delivered) * 1000 * 10) / 10,
    };
    publication.push(row);
    log(JSON.stringify(row));
  }
}

// ───────────────────────── 2. Throughput ─────────────────────────

const throughput: Record<string, unknown>[] = [];
for (const concurrency of THROUGHPUT) {
  const tag = `t${concurrency}`;
  const worker = await startWorker({ concurrency, schedules: false });
  const inputs = Array.from({ length: EMAILS }, (_, i) => ({
    kind: "report.reminder" as const,
    event: `mesure.debit:${tag}:${i}`,
    mail: {
      to: `destinataire${i}.${tag}@file.test`,
      subject: `Rappel ${i}`,
      text: `Madame, Monsieur,\n\nCeci est le rappel numéro ${i} de la mesure de débit.\n\nL'équipe de l'AMI PTCE`,
    },
  }));
  const started = performance.now();
  await db().$transaction((tx) => notify(tx, inputs), { timeout: 60_000 });
  const queued = performance.now() - started;
  await until(
    `${EMAILS} e-mails, ${concurrency} travaux à la fois`,
    () => receivedFor(tag) >= EMAILS,
    () => `${receivedFor(tag)} reçus`,
  );
  const elapsed = performance.now() - started;
  await stopWorker(worker);
  check(tag, EMAILS);
  const row = {
    "e-mails": EMAILS,
    "travaux à la fois": concurrency,
    "mise en file (s)": s(queued),
    "tous reçus (s)": s(elapsed),
    "e-mails par seconde": Math.round((EMAILS / elapsed) * 1000),
  };
  throughput.push(row);
  log(JSON.stringify(row));
}

console.log(
  `Publication des décisions (lettre PDF écrite puis e-mail avec la lettre jointe, un porteur par dossier) — ${os.cpus().length} cœurs`,
);
console.table(publication);
console.log(
  `Débit du worker : ${EMAILS} notifications mises en file d'un coup (texte seul), jusqu'à la dernière reçue par le serveur SMTP local`,
);
console.table(throughput);

await disconnect();
catcher.child.disconnect();
rmSync(process.env.STORAGE_DIR, { recursive: true, force: true });
await dropDatabase(url);
await server.stop();
process.exit(0);
