// Several instances on one database: a second production server (scripts/server.ts, with its own worker) beside
// the e2e server, as a deployment behind a load balancer runs them. A session opened on one is valid on the other,
// a change made through one shows at once on the other (its page cache included; an account deactivated or a role
// removed through one is never served the page the other kept for it), the sign-in rate limit counts
// the failures made on both, a batch of e-mails is sent once each by the two workers together, and the second
// server stops on SIGTERM without cutting short the request it is answering.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { type APIRequestContext, expect, request, test } from "@playwright/test";
import pg from "pg";
import { appEnv, PRODUCTION_SERVER_ARGS } from "../../scripts/lib/app-env.ts";
import { ROOT } from "../../scripts/lib/schema-engine.ts";
import { keptPage, newPage } from "./fixtures";
import { MAILBOX_DIR, SMTP_PORT } from "./mailbox";

test.describe.configure({ mode: "serial" });

const PORT_B = Number(process.env.E2E_PORT ?? 3100) + 17;
const B = `http://localhost:${PORT_B}`;
// Written by scripts/e2e-server.ts once its database is ready.
const databaseUrl = () => readFileSync(`${ROOT}/.data/e2e-database-url`, "utf8").trim();
// A cell no other journey writes to (its coordinator is renamed for a while, then named back).
const COORDINATOR = "coordination.hauts-de-france@demo-ptce.fr";

let instance: ChildProcess;
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
let output = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  instance = spawn(process.execPath, PRODUCTION_SERVER_ARGS, {
    cwd: ROOT,
    env: {
      ...appEnv(databaseUrl(), PORT_B),
      NEXTAUTH_URL: B,
      APP_URL: `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`,
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}/?ignoreTLS=true`,
      WORKER_VERBOSE: "1", // each job's end in the log: which worker did what
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  instance.stdout!.on("data", (d) => (output += String(d)));
  instance.stderr!.on("data", (d) => (output += String(d)));
  exited = new Promise((resolve) =>
    instance.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 100_000;
  for (;;) {
    const ok = await fetch(`${B}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (instance.exitCode !== null || Date.now() > deadline)
      throw new Error(`La seconde instance n'a pas démarré :\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

test.afterAll(async () => {
  if (instance && instance.exitCode === null && instance.signalCode === null) {
    instance.kill("SIGTERM");
    await exited;
  }
});

test("a session opened on one instance is valid on the other", async ({ browser }) => {
  const page = await newPage(browser, COORDINATOR); // signed in on the e2e server
  await page.goto(`${B}/cra`);
  await expect(page).toHaveURL(`${B}/cra`);
  await expect(
    page.getByRole("heading", { level: 1, name: "Cellule régionale d'animation" }),
  ).toBeVisible();
  await page.goto(`${B}/mon-compte`);
  await expect(page.getByText(COORDINATOR).first()).toBeVisible();
  // Signed out (the cookie gone), the other instance asks for a session too.
  await page.context().clearCookies();
  await page.goto(`${B}/cra`);
  await expect(page).toHaveURL(/\/connexion/);
});

test("a change made through one instance shows at once on the other, whose page cache does not serve the old page", async ({
  browser,
}) => {
  const page = await newPage(browser, COORDINATOR);
  await page.goto("/mon-compte");
  // The form fills its field once hydrated (react-hook-form's default values): wait for it under load.
  await expect(page.getByLabel("Prénom et nom")).not.toHaveValue("");
  const name = await page.getByLabel("Prénom et nom").inputValue();
  expect(name.length).toBeGreaterThan(1);
  // The second instance keeps the cell's page (two visits in a row: the second from its cache).
  const again = await keptPage(page, `${B}/cra`);
  expect(await again.text()).toContain(name);

  // The coordinator's new name, saved through the e2e server…
  const renamed = `${name} (deux instances)`;
  try {
    await page.goto("/mon-compte");
    await page.getByLabel("Prénom et nom").fill(renamed);
    await page.getByRole("button", { name: "Enregistrer mon nom" }).click();
    await expect(page.getByText("Nom enregistré.")).toBeVisible();
    // …is on the second instance's page at the very next visit, rendered anew.
    const after = await page.goto(`${B}/cra`);
    expect(after?.headers()["x-page-cache"]).toBeUndefined();
    expect(await after!.text()).toContain(renamed);
  } finally {
    // And back, through the second instance this time: the e2e server shows it at once.
    await page.goto(`${B}/mon-compte`);
    await page.getByLabel("Prénom et nom").fill(name);
    await page.getByRole("button", { name: "Enregistrer mon nom" }).click();
    await expect(page.getByText("Nom enregistré.")).toBeVisible();
  }
  const back = await page.goto("/cra");
  expect(await back!.text()).toContain(name);
  expect(await back!.text()).not.toContain(renamed);
});

test("an account deactivated through one instance is never served the page the other instance kept for it", async ({
  browser,
}) => {
  // An evaluator of the cell no other journey writes to; the second instance keeps their page.
  const evaluator = await newPage(browser, "evaluation2.hauts-de-france@demo-ptce.fr");
  await keptPage(evaluator, `${B}/cra`);

  // The administrator deactivates the account through the e2e server…
  const admin = await newPage(browser, "admin@demo-ptce.fr");
  await admin.goto("/admin/utilisateurs?q=evaluation2.hauts-de-france%40demo-ptce.fr");
  await admin.getByRole("main").getByRole("link", { name: "Lucas Dupont" }).click();
  await admin.getByRole("button", { name: "Désactiver le compte" }).click();
  await admin.getByRole("button", { name: "Confirmer la désactivation" }).click();
  await expect(admin.getByRole("button", { name: "Réactiver le compte" })).toBeVisible();
  try {
    // …and the second instance sends the evaluator to the sign-in page instead of the kept page.
    const after = await evaluator.goto(`${B}/cra`);
    expect(after?.headers()["x-page-cache"]).toBeUndefined();
    await expect(evaluator).toHaveURL(/\/connexion/);
  } finally {
    await admin.getByRole("button", { name: "Réactiver le compte" }).click();
    await expect(admin.getByRole("button", { name: "Désactiver le compte" })).toBeVisible();
  }
});

test("a role removed through one instance is never served the page the other instance kept for it", async ({
  browser,
}) => {
  // The other evaluator of the same quiet cell; the second instance keeps their page.
  const evaluator = await newPage(browser, "evaluation1.hauts-de-france@demo-ptce.fr");
  await keptPage(evaluator, `${B}/cra`);
  await expect(evaluator.getByRole("heading", { level: 1 })).toHaveText(/Cellule régionale/);

  // The administrator replaces the evaluator's role (a person keeps at least one) through the e2e server…
  const admin = await newPage(browser, "admin@demo-ptce.fr");
  await admin.goto("/admin/utilisateurs?q=evaluation1.hauts-de-france%40demo-ptce.fr");
  await admin.getByRole("main").getByRole("link", { name: "Nadia Benali" }).click();
  const saved = admin.getByText("Rôles enregistrés.");
  await admin.getByLabel("Rôle 1", { exact: true }).selectOption("APPLICANT");
  await admin.getByRole("button", { name: "Enregistrer les rôles" }).click();
  await expect(saved).toBeVisible();
  try {
    // …and the second instance refuses the cell's page instead of serving the one it kept (still signed in).
    const after = await evaluator.goto(`${B}/cra`);
    expect(after?.headers()["x-page-cache"]).toBeUndefined();
    expect(after?.status()).toBe(404);
  } finally {
    await admin.reload();
    await admin.getByLabel("Rôle 1", { exact: true }).selectOption("CRA_EVALUATOR");
    await admin.getByLabel("Région du rôle 1").selectOption("32");
    await admin.getByRole("button", { name: "Enregistrer les rôles" }).click();
    await expect(saved).toBeVisible();
  }
  const restored = await evaluator.goto(`${B}/cra`);
  expect(restored?.status()).toBe(200);
});

/** One sign-in attempt through next-auth's credentials endpoint of `base`; the error it answers, if any. */
async function signIn(base: string, email: string, password: string): Promise<string | null> {
  const context: APIRequestContext = await request.newContext({ baseURL: base });
  try {
    const { csrfToken } = await (await context.get("/api/auth/csrf")).json();
    const response = await context.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password, json: "true" },
      maxRedirects: 0,
    });
    const { url } = (await response.json()) as { url: string };
    return new URL(url, base).searchParams.get("error");
  } finally {
    await context.dispose();
  }
}

test("the sign-in failures made on both instances count together: the address is locked on both", async () => {
  // An address of its own (the limit counts an address whether it has an account or not), so that no other journey is locked.
  const email = `instances-${Date.now()}@demo-ptce.fr`;
  const A = test.info().project.use.baseURL!;
  const answers = [];
  for (const base of [A, B, A, B]) answers.push(await signIn(base, email, "mauvais mot de passe"));
  expect(answers).toEqual([
    "CredentialsSignin",
    "CredentialsSignin",
    "CredentialsSignin",
    "CredentialsSignin",
  ]);
  // The fifth failure (the limit) locks it, wherever it is made; then both refuse even to check a password.
  expect(await signIn(A, email, "mauvais mot de passe")).toMatch(/^LOCKED:\d+$/);
  expect(await signIn(B, email, "encore faux")).toMatch(/^LOCKED:\d+$/);
  expect(await signIn(A, email, "encore faux")).toMatch(/^LOCKED:\d+$/);
});

test("a batch of e-mails queued at once is sent once each by the two workers together", async () => {
  test.setTimeout(120_000);
  const batch = `lot${Date.now().toString(36)}`;
  const count = 100;
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    // As the outbox writes them (lib/notifications/outbox.ts): the rows and their jobs in one transaction.
    const { rows: jobs } = await client.query<{ id: string }>(
      `WITH n AS (
         INSERT INTO "Notification" (id, key, kind, email, subject, text)
         SELECT $1 || '-' || i, $1 || ':' || i || '|' || $1 || '-' || i || '@instances.test', 'report.reminder', $1 || '-' || i || '@instances.test',
                'Lot ' || $1, 'Message ' || i || ' du lot ' || $1
         FROM generate_series(1, $2::int) AS i
         RETURNING id)
       SELECT (graphile_worker.add_job('notification.deliver', json_build_object('id', n.id), job_key => 'notification:' || n.id, max_attempts => 12)).id::text AS id
       FROM n`,
      [batch, count],
    );
    expect(jobs).toHaveLength(count);
    await expect
      .poll(
        async () =>
          (
            await client.query(
              `SELECT count(*)::int AS n FROM "Notification" WHERE id LIKE $1 AND "emailStatus" = 'SENT'`,
              [`${batch}-%`],
            )
          ).rows[0].n,
        {
          timeout: 90_000,
          intervals: [250],
        },
      )
      .toBe(count);
    // Each sent once: one attempt each, and one message in the mailbox per address (a second one would arrive by now).
    const { rows } = await client.query(
      `SELECT attempts, count(*)::int AS n FROM "Notification" WHERE id LIKE $1 GROUP BY attempts`,
      [`${batch}-%`],
    );
    expect(rows).toEqual([{ attempts: 1, n: count }]);
    await new Promise((r) => setTimeout(r, 2000));
    const received = readdirSync(MAILBOX_DIR)
      .filter((f) => f.includes(encodeURIComponent(`${batch}-`)))
      .map(
        (f) =>
          (JSON.parse(readFileSync(`${MAILBOX_DIR}/${f}`, "utf8")) as { address: string }).address,
      );
    expect(received).toHaveLength(count);
    expect(new Set(received).size).toBe(count);
    const { rows: left } = await client.query(
      `SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE id = ANY($1::bigint[])`,
      [jobs.map((j) => j.id)],
    );
    expect(left).toEqual([{ n: 0 }]);
    // Both workers took part: the second instance's did some of the jobs (its log names each job it completed).
    const ours = new Set(jobs.map((j) => j.id));
    const doneByB = [...output.matchAll(/Completed task (\d+) /g)]
      .map((m) => m[1]!)
      .filter((id) => ours.has(id));
    test.info().annotations.push({
      type: "répartition",
      description: `${doneByB.length} envois par la seconde instance, ${count - doneByB.length} par le serveur e2e`,
    });
    expect(doneByB.length).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
});

test("on SIGTERM the second instance finishes the request in flight, refuses new connections, and exits 0 in time", async () => {
  test.setTimeout(60_000);
  // A request whose body is still coming when the signal arrives (next-auth reads the whole form first).
  const socket = net.connect(PORT_B, "127.0.0.1");
  await new Promise<void>((resolve, reject) =>
    socket.once("connect", resolve).once("error", reject),
  );
  let answer = "";
  socket.on("data", (d) => (answer += String(d)));
  const answered = new Promise<void>((resolve) => socket.once("end", resolve));
  const body = "csrfToken=aucun&email=arret%40demo-ptce.fr&password=x&json=true";
  socket.write(
    `POST /api/auth/callback/credentials HTTP/1.1\r\nHost: localhost:${PORT_B}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
  );
  await new Promise((r) => setTimeout(r, 500));
  const signalledAt = Date.now();
  instance.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));

  // No new connection is taken…
  const refused = await new Promise<string>((resolve) => {
    const probe = net.connect(PORT_B, "127.0.0.1");
    probe.once("connect", () => {
      probe.destroy();
      resolve("accepted");
    });
    probe.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
  expect(refused).toBe("ECONNREFUSED");
  // …and the one in flight gets its whole answer.
  expect(answer).toBe("");
  socket.write(body.slice(10));
  await answered;
  expect(answer).toMatch(/^HTTP\/1\.1 [234]\d\d /); // next-auth refuses the made-up CSRF token: an answer, not a cut connection

  const exit = await exited;
  expect({ ...exit, seconds: (Date.now() - signalledAt) / 1000 < 30 }, output).toEqual({
    code: 0,
    signal: null,
    seconds: true,
  });
});
