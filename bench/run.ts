// `npm run bench`: latency percentiles and throughput of pages of the production build on loopback,
// with national-scale data, and the first load of each page (JavaScript and CSS, raw and gzipped).
//   npm run bench                     all scenarios, 10 s each, 20 connections (distinct sessions)
//   npm run bench -- --duration 20 --connections 50 --only cna
//   npm run bench -- --regenerate     rebuild the data set
//   npm run bench -- --profile        also write the server's CPU profile to .data/profiles (see profile.ts)
//   npm run bench -- --no-page-cache  every page rendered by Next.js (PAGE_CACHE_MB=0)
//   npm run bench -- --writes 10      while measuring, 10 transactions a second change a dossier of another region
//   npm run bench -- --writes 10 --writes-where same    … of the region whose pages are measured
// The server is pinned to core 0 and the load generator to core 1 when `taskset` exists.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import pg from "pg";
import { ROOT } from "../scripts/lib/schema-engine.ts";
import {
  BENCH_CALL_SLUG,
  BENCH_PASSWORD,
  DRAFT_CALL_SLUG,
  DRAFT_WRITERS,
  generateDrafts,
  SIZES,
} from "./generate.ts";
import { arg, benchDatabase, startProductionServer } from "./lib.ts";

const DURATION = Number(arg("duration", "10"));
const CONNECTIONS = Number(arg("connections", "20"));
const ONLY = arg("only", "");
const WRITES = Number(arg("writes", "0"));
/** where the writes go: "other" (a dossier of another region than the pages measured) or "same" (one of the measured region) */
const WRITES_WHERE = arg("writes-where", "other") === "same" ? "same" : "other";
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;

type Scenario = {
  name: string;
  path: string;
  users?: (i: number) => string;
  /** per connection: its own request (e.g. a dossier of its own user) */
  perClient?: (i: number, cookie: string) => autocannon.Request[];
  connections?: number;
};
let draftIds: { id: string; email: string }[] = [];
let largestRegionIds: string[] = [];
let databaseUrl = "";
/** Server action answers that were a refusal (they come back with status 200). */
let actionRefusals = 0;
export const SCENARIOS: Scenario[] = [
  { name: "home", path: "/" },
  { name: "sign-in page", path: "/connexion" },
  // The national view (issue 5): progress, severity and agreement of 18 regions over 5 000 finalised dossiers.
  {
    name: "cna national view",
    path: `/cna?appel=${BENCH_CALL_SLUG}`,
    users: (i) => `cna${(i % SIZES.cnaUsers) + 1}@mesures.test`,
  },
  {
    name: "cna selection",
    path: `/cna/selection?appel=${BENCH_CALL_SLUG}`,
    users: (i) => `cna${(i % SIZES.cnaUsers) + 1}@mesures.test`,
  },
  {
    name: "cra",
    path: `/cra?appel=${BENCH_CALL_SLUG}`,
    users: (i) => `evaluation${(i % SIZES.evaluatorsPerRegion) + 1}.ara@mesures.test`,
  },
  {
    // The largest region's whole list on one page: progress and per-criterion mean ± standard deviation.
    name: "cra region list (500 per page)",
    path: `/cra?appel=${BENCH_CALL_SLUG}&taille=500`,
    users: (i) => `coordination${(i % SIZES.coordinatorsOfLargestRegion) + 1}.ara@mesures.test`,
  },
  {
    name: "cra region list (50 per page)",
    path: `/cra?appel=${BENCH_CALL_SLUG}&taille=50`,
    users: (i) => `coordination${(i % SIZES.coordinatorsOfLargestRegion) + 1}.ara@mesures.test`,
  },
  {
    name: "cra dossier page (evaluations, synthesis)",
    path: "/cra/dossiers/[id]",
    users: (i) => `coordination${(i % SIZES.coordinatorsOfLargestRegion) + 1}.ara@mesures.test`,
    perClient: (i, cookie) => [
      {
        method: "GET",
        path: `/cra/dossiers/${largestRegionIds[i % largestRegionIds.length]!}`,
        headers: { cookie },
      },
    ],
  },
  {
    name: "dossier page",
    path: "/mes-dossiers/[id]",
    connections: DRAFT_WRITERS,
    users: (i) => draftIds[i % draftIds.length]!.email,
    perClient: (i, cookie) => [
      {
        method: "GET",
        path: `/mes-dossiers/${draftIds[i % draftIds.length]!.id}`,
        headers: { cookie },
      },
    ],
  },
  {
    name: "autosave",
    path: "saveDraftAction",
    connections: DRAFT_WRITERS,
    users: (i) => draftIds[i % draftIds.length]!.email,
    perClient: (i, cookie) => autosaveRequests(draftIds[i % draftIds.length]!.id, cookie),
  },
];

/** The id of a server action in the production build, as the browser sends it. */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
  if (!found) throw new Error(`Action ${exportedName} absente de la construction`);
  return found[0];
}

// The version each draft is at, kept across runs (the warm-up saves too).
const draftVersions = new Map<string, number>();

/** Autosaves of one draft, each naming the version the previous save returned (as the form does). */
function autosaveRequests(applicationId: string, cookie: string): autocannon.Request[] {
  const id = actionId("saveDraftAction");
  let n = 0;
  return [
    {
      method: "POST",
      path: `/mes-dossiers/${applicationId}`,
      headers: {
        cookie,
        "next-action": id,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
      },
      setupRequest: (req) => {
        n += 1;
        const draft = {
          title: "Projet en rédaction",
          presentation:
            `Présentation, version ${n}. ` +
            "Le pôle réunit les acteurs du territoire. ".repeat(20),
          governance: "Conseil coopératif.",
          cooperation: "Atelier partagé.",
          leverAnswers: [],
          economicImpact: "",
          socialImpact: "",
          ecologicalImpact: "",
          indicators: [
            { label: "Emplois", unit: "ETP", baseline: "0", targetYear1: "2", targetYear2: "4" },
          ],
          expenses: [1, 2, 3, 4, 5, 6].map((k) => ({
            category: "PERSONNEL",
            label: `Dépense ${k}`,
            year: k % 2 ? 1 : 2,
            amountCents: 10_000_00,
          })),
          fundings: [
            {
              source: "THIS_CALL",
              funderName: "",
              year: 1,
              amountCents: 60_000_00,
              status: "REQUESTED",
            },
          ],
          learningCommunityId: null,
        };
        // Each connection alone writes its draft and waits for each answer: every save moves the
        // version by one (the streamed answer cannot be read whole here to confirm it).
        const version = draftVersions.get(applicationId) ?? 0;
        draftVersions.set(applicationId, version + 1);
        return { ...req, body: JSON.stringify([applicationId, version, draft]) };
      },
      onResponse: (status, body) => {
        if (process.env.BENCH_DEBUG && status !== 200) console.error(status, body.slice(0, 300));
        // A refusal (e.g. a version conflict) is a 200 whose first chunk says so.
        if (/"ok":false/.test(body)) actionRefusals += 1;
        if (process.env.BENCH_DEBUG && /"ok":false/.test(body)) console.error(body.slice(0, 400));
      },
    },
  ];
}

async function prepareDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const database = await benchDatabase("ptce_bench");
  databaseUrl = database.url;
  const { db, disconnect } = await import("@/lib/db");
  if (!(await db().call.findUnique({ where: { slug: DRAFT_CALL_SLUG } }))) await generateDrafts();
  const drafts = await db().application.findMany({
    where: { call: { slug: DRAFT_CALL_SLUG } },
    orderBy: { owner: { email: "asc" } },
    select: { id: true, version: true, owner: { select: { email: true } } },
  });
  draftIds = drafts.map((a) => ({ id: a.id, email: a.owner.email }));
  largestRegionIds = (
    await db().application.findMany({
      where: { call: { slug: BENCH_CALL_SLUG }, region: { code: "84" } },
      orderBy: { reference: "asc" },
      take: 200,
      select: { id: true },
    })
  ).map((a) => a.id);
  for (const a of drafts) draftVersions.set(a.id, a.version);
  await disconnect();
  return database;
}

/** A session cookie for `email`, through the same sign-in API the browser uses. */
async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password: BENCH_PASSWORD, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Connexion impossible pour ${email}`);
  return session.split(";")[0]!;
}

async function measure(s: Scenario) {
  const connections = s.connections ?? CONNECTIONS;
  const cookies = s.users
    ? await Promise.all(Array.from({ length: connections }, (_, i) => signIn(s.users!(i))))
    : [];
  let client = 0;
  const setupClient = (c: {
    setHeaders(h: Record<string, string>): void;
    setRequests(r: autocannon.Request[]): void;
  }) => {
    const i = client++ % Math.max(1, cookies.length);
    if (s.perClient) c.setRequests(s.perClient(i, cookies[i]!));
    else c.setHeaders({ cookie: cookies[i]! });
  };
  const options = {
    url: s.perClient ? BASE : `${BASE}${s.path}`,
    connections,
    duration: DURATION,
    ...(cookies.length ? { setupClient } : {}),
  };
  await autocannon({ ...options, duration: 2 }); // warm-up
  client = 0;
  actionRefusals = 0;
  const writer = WRITES > 0 ? writeElsewhere(WRITES) : null;
  const r = await autocannon(options);
  await writer?.stop();
  return {
    scenario: s.name,
    path: s.path,
    sessions: cookies.length,
    connections,
    "req/s": Math.round(r.requests.average),
    // the answer's weight as sent (headers included; autocannon asks for no compression)
    "kB/page": Math.round(r.throughput.average / Math.max(r.requests.average, 1) / 102.4) / 10,
    p50: r.latency.p50,
    p95: percentile95(r),
    p99: r.latency.p99,
    non2xx: r.non2xx,
    refused: actionRefusals,
    errors: r.errors,
  };
}

/** Commits `perSecond` transactions a second to a dossier of another region than the pages measured, or of the same. */
function writeElsewhere(perSecond: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  let last: Promise<unknown> = client.connect();
  const timer = setInterval(() => {
    last = last.then(() =>
      client.query(
        `UPDATE "Application" SET "updatedAt" = now() WHERE id = (SELECT id FROM "Application" WHERE ("regionCode" = '84') = $1 AND "submittedAt" IS NOT NULL ORDER BY id LIMIT 1)`,
        [WRITES_WHERE === "same"],
      ),
    );
  }, 1000 / perSecond);
  return {
    stop: () => {
      clearInterval(timer);
      return last.finally(() => client.end());
    },
  };
}

// autocannon reports p97.5 and p99 but not p95: interpolate between p90 and p97.5.
function percentile95(r: autocannon.Result): number {
  const l = r.latency as unknown as Record<string, number>;
  return Math.round((l.p90! + ((l.p97_5! - l.p90!) * (95 - 90)) / (97.5 - 90)) * 10) / 10;
}

/** Raw and gzipped sizes of files of the build, by their address (`/_next/…`). */
function builtSizes(srcs: string[]): { files: number; raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const file = path.join(ROOT, ".next", src.replace(/^\/_next\//, ""));
    if (!existsSync(file)) throw new Error(`${src} absent de la construction`);
    raw += statSync(file).size;
    gzip += gzipSync(readFileSync(file)).length;
  }
  return { files: srcs.length, raw, gzip };
}

/**
 * First load of a page: the scripts its HTML loads (not the `nomodule` polyfills, which only browsers
 * without modules fetch) and its stylesheets, gzipped as served.
 */
async function firstLoad(pagePath: string, cookie?: string) {
  const html = await (
    await fetch(`${BASE}${pagePath}`, { headers: cookie ? { cookie } : {} })
  ).text();
  const addresses = (pattern: RegExp) => [
    ...new Set(
      [...html.matchAll(pattern)].map((m) => m[0]).filter((tag) => !/nomodule/i.test(tag)),
    ),
  ];
  const src = (tag: string) => /(?:src|href)="([^"]+)"/.exec(tag)![1]!;
  return {
    js: builtSizes(addresses(/<script[^>]+src="[^"]+\.js"[^>]*>/g).map(src)),
    css: builtSizes(addresses(/<link[^>]+rel="stylesheet"[^>]*>/g).map(src)),
  };
}

/** The framework's own runtime (React, Next.js's router), loaded by every page whatever it holds. */
function frameworkRuntime() {
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, ".next/build-manifest.json"), "utf8"),
  ) as {
    rootMainFiles: string[];
  };
  return builtSizes(manifest.rootMainFiles.map((f) => `/_next/${f}`));
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

const database = await prepareDatabase();
const app = await startProductionServer(
  database.url,
  PORT,
  process.argv.includes("--no-page-cache") ? { PAGE_CACHE_MB: "0" } : {},
);
try {
  const results = [];
  for (const s of SCENARIOS.filter((x) => !ONLY || x.name.includes(ONLY))) {
    results.push(await measure(s));
    console.log(`mesuré : ${s.name}`);
  }
  const conditions = [
    process.argv.includes("--no-page-cache") ? "sans cache de pages" : "cache de pages actif",
    WRITES
      ? `${WRITES} écritures/s sur un dossier ${WRITES_WHERE === "same" ? "de la région mesurée" : "d'une autre région"}`
      : "sans écriture",
  ].join(", ");
  console.log(
    `\nDébit et latences (ms), ${DURATION} s par page, serveur de production sur 127.0.0.1 (un cœur), ${conditions}`,
  );
  console.table(results);
  const sizes = [];
  const cnaCookie = await signIn("cna1@mesures.test");
  const craCookie = await signIn("evaluation1.ara@mesures.test");
  const coordinatorCookie = await signIn("coordination1.ara@mesures.test");
  const writerCookie = await signIn(draftIds[0]!.email);
  for (const [name, p, c] of [
    ["/", "/", undefined],
    ["/connexion", "/connexion", undefined],
    ["/inscription", "/inscription", undefined],
    ["/cna", "/cna", cnaCookie],
    ["/cna/selection", `/cna/selection?appel=${BENCH_CALL_SLUG}`, cnaCookie],
    ["/cra", "/cra", craCookie],
    ["/cra/dossiers/[id]", `/cra/dossiers/${largestRegionIds[0]!}`, coordinatorCookie],
    [
      "/mes-dossiers/[id] (formulaire du dossier)",
      `/mes-dossiers/${draftIds[0]!.id}`,
      writerCookie,
    ],
  ] as const) {
    const { js, css } = await firstLoad(p, c);
    sizes.push({
      route: name,
      scripts: js.files,
      "JS raw": kb(js.raw),
      "JS gzip": kb(js.gzip),
      "CSS raw": kb(css.raw),
      "CSS gzip": kb(css.gzip),
    });
  }
  const runtime = frameworkRuntime();
  sizes.push({
    route: "(runtime du framework seul)",
    scripts: runtime.files,
    "JS raw": kb(runtime.raw),
    "JS gzip": kb(runtime.gzip),
    "CSS raw": "",
    "CSS gzip": "",
  });
  console.log("\nPremier chargement par page (JavaScript et CSS, brut et gzip)");
  console.table(sizes);
} finally {
  await app.stop();
  await database.stop();
}
