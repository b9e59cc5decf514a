import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { markAllNotificationsRead } from "@/lib/notifications/mutations";
import { notify } from "@/lib/notifications/outbox";
import { REGION_STAMP_SQL, withPageCache } from "@/lib/page-cache";
import { makeActor, makeApplication, makeCall } from "../fixtures/factories";

const SECRET = process.env.NEXTAUTH_SECRET!;
let server: Server;
let base = "";
let renders = 0;
let minute = Date.UTC(2026, 10, 22, 10, 0);
let databaseDown = false;
/** What the application answers (Next.js in production): the page's reader and the database's content. */
let render: (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const token = (uid: string, sv = 0, maxAge = 3600) =>
  encode({ token: { uid, sv }, secret: SECRET, maxAge });
const get = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    headers: { ...headers, ...(cookie ? { cookie: `next-auth.session-token=${cookie}` } : {}) },
  });

beforeEach(async () => {
  renders = 0;
  databaseDown = false;
  render = async (req, res) => {
    renders += 1;
    const users = await db().user.count();
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.write(`<p>rendu ${renders} pour ${req.headers.cookie ?? "personne"}</p>`);
    res.end(`<p>${users} comptes</p>`);
  };
  const handler = withPageCache({
    handle: (req, res) => render(req, res),
    stamp: async (sql, params) => {
      if (databaseDown) throw new Error("connexion refusée");
      return (await db().$queryRawUnsafe<{ stamp: string }[]>(sql, ...params))[0]!.stamp;
    },
    secret: SECRET,
    maxBytes: 1024 * 1024,
    now: () => minute,
  });
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("page cache of the production server", () => {
  it("serves a cell's page again to the same person while the database has not changed, then renders it anew after a write", async () => {
    const user = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
    const session = await token(user.id);
    const first = await get("/cra?taille=500", session);
    const again = await get("/cra?taille=500", session);
    expect(again.headers.get("x-page-cache")).toBe("hit");
    expect(await again.text()).toBe(await first.text());
    expect(renders).toBe(1);

    await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
    const after = await get("/cra?taille=500", session);
    expect(after.headers.get("x-page-cache")).toBeNull();
    expect(await after.text()).toContain("2 comptes");
    expect(renders).toBe(2);
  });

  it("never keeps a page asked with two session cookies, whoever's comes first", async () => {
    const [victim, intruder] = [
      await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]),
      await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]),
    ];
    const [victimSession, intruderSession] = [await token(victim.id), await token(intruder.id)];
    const both = (first: string, second: string) =>
      fetch(`${base}/cra`, {
        headers: {
          cookie: `next-auth.session-token=${first}; next-auth.session-token=${second}`,
        },
      });
    for (const [first, second] of [
      [intruderSession, victimSession],
      [victimSession, intruderSession],
    ] as const) {
      const answers = [await both(first, second), await both(first, second)];
      expect(answers.map((a) => a.headers.get("x-page-cache"))).toEqual([null, null]);
    }
    expect(renders).toBe(4);
    // Nothing was kept under either person's key: each one's own page is rendered for them.
    const own = await get("/cra", victimSession);
    expect(own.headers.get("x-page-cache")).toBeNull();
    expect(await own.text()).toContain(`pour next-auth.session-token=${victimSession}<`);
    expect(renders).toBe(5);
  });

  it("keeps a region's page through a change in another region, not through one in its own; other pages through none", async () => {
    const { call } = await makeCall();
    const reader = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
    const owner = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const [here, elsewhere] = [
      await makeApplication({ callId: call.id, owner, regionCode: "53" }),
      await makeApplication({ callId: call.id, owner, regionCode: "28" }),
    ];
    const session = await token(reader.id);
    const message = (applicationId: string) =>
      db().message.create({
        data: {
          applicationId,
          authorId: owner.id,
          fromInstruction: false,
          body: "Réponse du porteur.",
        },
      });
    for (const path of ["/cra", `/cra/dossiers/${here.id}`, "/cna"]) await get(path, session);
    expect(renders).toBe(3);

    await message(elsewhere.id);
    expect((await get("/cra", session)).headers.get("x-page-cache")).toBe("hit");
    expect((await get(`/cra/dossiers/${here.id}`, session)).headers.get("x-page-cache")).toBe(
      "hit",
    );
    expect((await get("/cna", session)).headers.get("x-page-cache")).toBeNull(); // any change renders it anew
    expect(renders).toBe(4);

    await message(here.id);
    expect((await get("/cra", session)).headers.get("x-page-cache")).toBeNull();
    expect((await get(`/cra/dossiers/${here.id}`, session)).headers.get("x-page-cache")).toBeNull();
    expect(renders).toBe(6);
  });

  it("never serves one person's page to another, nor to a forged, expired or missing session", async () => {
    const [a, b] = [
      await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]),
      await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]),
    ];
    const sessionA = await token(a.id);
    await get("/cra/dossiers/1", sessionA);
    const other = await get("/cra/dossiers/1", await token(b.id));
    expect(other.headers.get("x-page-cache")).toBeNull();
    expect(await other.text()).not.toContain(sessionA);
    for (const cookie of [undefined, "pas-un-jeton", await token(a.id, 0, -60)]) {
      expect((await get("/cra/dossiers/1", cookie)).headers.get("x-page-cache")).toBeNull();
      expect((await get("/cra/dossiers/1", cookie)).headers.get("x-page-cache")).toBeNull();
    }
    expect(renders).toBe(8);
  });

  it("keeps only complete HTML pages of the cells, asked for as documents, without a cookie to set", async () => {
    const session = await token(
      (await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }])).id,
    );
    const twice = async (path: string, headers: Record<string, string> = {}) => {
      await get(path, session, headers);
      return (await get(path, session, headers)).headers.get("x-page-cache");
    };
    expect(await twice("/mes-dossiers")).toBeNull(); // not a cell's page
    expect(await twice("/cra", { rsc: "1" })).toBeNull(); // a client-side navigation
    render = async (_req, res) => {
      renders += 1;
      res.statusCode = 404;
      res.end("introuvable");
    };
    expect(await twice("/cra/dossiers/absent")).toBeNull();
    render = async (_req, res) => {
      renders += 1;
      res.setHeader("content-type", "text/html");
      res.setHeader("set-cookie", "a=b");
      res.end("<p>avec un cookie</p>");
    };
    expect(await twice("/cna")).toBeNull();
    render = async (_req, res) => {
      renders += 1;
      res.setHeader("content-type", "text/html");
      res.write("<p>début de la page</p>");
      res.end(
        `<script>self.__next_f.push([1,"{\\"digest\\":\\"NEXT_HTTP_ERROR_FALLBACK;404\\"}"])</script>`,
      );
    };
    expect(await twice("/cra/dossiers/retire")).toBeNull(); // an error or a late "not found" in a streamed page
    expect(renders).toBe(10);
  });

  it("leaves the page to Next.js when the stamps cannot be read", async () => {
    const session = await token(
      (await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }])).id,
    );
    await get("/cra", session);
    databaseDown = true;
    const answer = await get("/cra", session);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-page-cache")).toBeNull();
    expect(renders).toBe(2);
  });

  it("renders anew each minute, so that a deadline passing shows within the minute", async () => {
    const session = await token(
      (await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }])).id,
    );
    await get("/cna", session);
    expect((await get("/cna", session)).headers.get("x-page-cache")).toBe("hit");
    minute += 60_000;
    expect((await get("/cna", session)).headers.get("x-page-cache")).toBeNull();
  });
});

describe("the stamp of a region's pages", () => {
  const stampOf = async (userId: string) =>
    (await db().$queryRawUnsafe<{ stamp: string }[]>(REGION_STAMP_SQL, userId))[0]!.stamp;
  // Tables no page of a region shows: their changes need not move a counter.
  // Notification: shown (the header's unread count) but only to its recipient, so counted by the stamp itself,
  // per reader, rather than by a region's counter (see the last test).
  const NEVER_SHOWN = [
    "_prisma_migrations",
    "UserToken",
    "ApiToken",
    "RateLimit",
    "ReferenceCounter",
    "AuditEvent",
    "ReportReminder",
    "RegionTableVersion",
    "CommonDataVersion",
    "Notification",
  ];
  const COUNTING = [
    "bump_common_data_version",
    "region_version_on_linked_row",
    "region_version_on_dossier_row",
    "region_version_on_application",
    "region_version_on_review",
    "region_version_on_review_delete",
  ];

  it("is moved by a change of every table, but those no page of a region shows", async () => {
    const tables = await db().$queryRaw<{ name: string; functions: string[] }[]>`
      SELECT c.relname::text AS name, coalesce(array_agg(p.proname::text) FILTER (WHERE p.proname IS NOT NULL), '{}') AS functions
      FROM pg_class c
      LEFT JOIN pg_trigger t ON t.tgrelid = c.oid AND NOT t.tgisinternal
      LEFT JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
      GROUP BY c.relname`;
    const uncounted = tables
      .filter(
        (t) => !NEVER_SHOWN.includes(t.name) && !t.functions.some((f) => COUNTING.includes(f)),
      )
      .map((t) => t.name);
    expect(tables.length).toBeGreaterThan(40);
    expect(uncounted).toEqual([]);
  });

  it("moves with a change in the reader's region or in the common data, not with one elsewhere", async () => {
    const { call } = await makeCall();
    const [brittany, normandy] = [
      await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]),
      await makeActor([{ role: "CRA_COORDINATOR", regionCode: "28" }]),
    ];
    const owner = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const dossier = await makeApplication({ callId: call.id, owner, regionCode: "53" });
    const draft = await makeApplication({
      callId: call.id,
      owner,
      regionCode: "28",
      status: "DRAFT",
    });
    const before = { brittany: await stampOf(brittany.id), normandy: await stampOf(normandy.id) };

    await db().message.create({
      data: {
        applicationId: dossier.id,
        authorId: owner.id,
        fromInstruction: false,
        body: "Voici la pièce demandée.",
      },
    });
    await db().expenseLine.create({
      data: {
        applicationId: draft.id,
        category: "PERSONNEL",
        label: "Animation",
        year: 1,
        amountCents: 100_00,
        position: 0,
      },
    });
    const afterMessage = {
      brittany: await stampOf(brittany.id),
      normandy: await stampOf(normandy.id),
    };
    expect(afterMessage.brittany).not.toBe(before.brittany);
    expect(afterMessage.normandy).toBe(before.normandy); // a draft is on no region's page

    await db().roleAssignment.create({
      data: { userId: owner.id, role: "CRA_EVALUATOR", regionCode: "28" },
    });
    expect(await stampOf(normandy.id)).not.toBe(afterMessage.normandy);
    expect(await stampOf(brittany.id)).not.toBe(afterMessage.brittany);
  });

  it("moves with the reader's own notifications (a new one, one read), not with another person's", async () => {
    const [reader, colleague] = [
      await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]),
      await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]),
    ];
    const tell = (to: typeof reader, event: string) =>
      db().$transaction((tx) =>
        notify(tx, [
          {
            kind: "evaluation.conflict-declared",
            event,
            mail: {
              to: to.email,
              subject: "Conflit d'intérêts déclaré - AMI PTCE",
              text: "Bonjour,",
            },
            link: "/cra",
          },
        ]),
      );
    const before = { reader: await stampOf(reader.id), colleague: await stampOf(colleague.id) };

    await tell(colleague, "conflict:1");
    expect(await stampOf(reader.id)).toBe(before.reader);
    const colleagues = await stampOf(colleague.id);
    expect(colleagues).not.toBe(before.colleague);

    await tell(reader, "conflict:2");
    const told = await stampOf(reader.id);
    expect(told).not.toBe(before.reader);
    await markAllNotificationsRead(reader);
    expect(await stampOf(reader.id)).not.toBe(told); // the count in the header went down
    expect(await stampOf(colleague.id)).toBe(colleagues);
  });
});
