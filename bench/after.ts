// `npm run bench:after`: figures of issue 6 on the bench data set (5 000 dossiers, bench/generate.ts):
//   1. time and peak memory of exporting the 5 000 dossiers to XLSX (streamed), in this process;
//   2. latency (p50 / p95 / p99) and throughput of the API list endpoint GET /api/v1/applications
//      with a bearer token, on the production build, 20 connections for 10 s (autocannon, loopback only).
//   npm run bench:after -- --duration 20 --connections 50 --regenerate
import { Writable } from "node:stream";
import autocannon from "autocannon";
import { BENCH_CALL_SLUG } from "./generate.ts";
import { arg, benchDatabase, startProductionServer } from "./lib.ts";

const DURATION = Number(arg("duration", "10"));
const CONNECTIONS = Number(arg("connections", "20"));
const PORT = Number(process.env.BENCH_PORT ?? 3200) + 1;
const BASE = `http://127.0.0.1:${PORT}`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} Mo`;

const database = await benchDatabase("ptce_bench_after");
const { db, disconnect } = await import("@/lib/db");
const call = await db().call.findUniqueOrThrow({ where: { slug: BENCH_CALL_SLUG } });
const cnaUser = await db().user.findUniqueOrThrow({ where: { email: "cna1@mesures.test" } });
const { loadActor } = await import("@/lib/users/data");
const cna = (await loadActor(cnaUser.id, cnaUser.sessionVersion))!;

// 1. XLSX export of every dossier, as the national cell.
const { exportSource } = await import("@/lib/exports/data");
const { writeXlsx } = await import("@/lib/exports/writers");
global.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
let bytes = 0;
const sink = new Writable({
  write(chunk: Buffer, _e, done) {
    bytes += chunk.length;
    done();
  },
});
const started = performance.now();
const rows = await writeXlsx(exportSource(cna, "dossiers", call.id), sink, "Dossiers");
const elapsed = performance.now() - started;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(
  `Export XLSX : ${rows} dossiers en ${(elapsed / 1000).toFixed(2)} s, ${mb(bytes)} écrits ; mémoire du processus ${mb(baseline)} avant, pic ${mb(peak)} (+${mb(peak - baseline)}).`,
);

// 2. The API list endpoint on the production build.
const { createApiToken } = await import("@/lib/api/mutations");
const { token } = await createApiToken(cna, {
  name: `Mesures ${new Date().toISOString()}`,
  scopes: ["applications:read"],
  expiresInDays: 1,
});
await disconnect();

// The bench measures the endpoint, not the limiter's refusals: a limit above what the load sends.
const app = await startProductionServer(database.url, PORT, {
  API_RATE_LIMIT_PER_MINUTE: "1000000",
});
try {
  const headers = { authorization: `Bearer ${token}` };
  const check = await fetch(`${BASE}/api/v1/applications?call=${BENCH_CALL_SLUG}&limit=50`, {
    headers,
  });
  const body = (await check.json()) as { pagination?: { total: number } };
  if (check.status !== 200) throw new Error(`L'API répond ${check.status}`);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: BASE,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: Array.from({ length: 10 }, (_, i) => ({
          method: "GET" as const,
          path: `/api/v1/applications?call=${BENCH_CALL_SLUG}&limit=50&page=${i * 10 + 1}`,
          headers,
        })),
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on("response", (_client, status, _bytes, time) => {
      latencies.push(time);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  console.log(
    `API GET /api/v1/applications (limit=50, ${body.pagination?.total} dossiers visibles, ${CONNECTIONS} connexions, ${DURATION} s) : ` +
      `${latencies.length} réponses (${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}), ${result.requests.average.toFixed(0)} req/s, p50 ${q(50)} ms, p95 ${q(95)} ms, p99 ${q(99)} ms`,
  );
} finally {
  await app.stop();
  await database.stop();
}
process.exit(0);
