import { spawn } from "node:child_process";
import { appEnv, NEXT_BIN } from "./lib/app-env.ts";
import { ensureDatabase, startServer } from "./lib/database.ts";
import { ROOT } from "./lib/schema-engine.ts";
const PORT = 3210, BASE = `http://127.0.0.1:${PORT}`;
const server = await startServer("bench");
const url = await ensureDatabase(server.url, "ptce_bench");
const app = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(PORT)], { cwd: ROOT, env: { ...appEnv(url, PORT), NEXTAUTH_URL: BASE }, stdio: "ignore", detached: true });
for (let i = 0; i < 120; i++) { try { if ((await fetch(`${BASE}/api/health`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 500)); }
const csrf = await fetch(`${BASE}/api/auth/csrf`);
const { csrfToken } = (await csrf.json()) as { csrfToken: string };
const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
const res = await fetch(`${BASE}/api/auth/callback/credentials`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar }, body: new URLSearchParams({ csrfToken, email: "cna1@mesures.test", password: "mot de passe des mesures", json: "true" }) });
const cookie = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="))!.split(";")[0]!;
for (const p of ["/cna?appel=ami-ptce-mesures", "/cna?appel=ami-ptce-mesures&taille=5", "/cna?appel=ami-ptce-mesures&region=xx", "/"]) {
  const times = [];
  let size = 0;
  for (let i = 0; i < 6; i++) { const t = performance.now(); const r = await fetch(`${BASE}${p}`, { headers: { cookie } }); size = (await r.text()).length; times.push(Math.round(performance.now() - t)); }
  console.log(p, times.join(" "), "bytes", size);
}
process.kill(-app.pid!, "SIGTERM");
await server.stop();
