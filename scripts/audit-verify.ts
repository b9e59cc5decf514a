// `npm run audit:verify`: walks the whole audit log, then finds its latest signed checkpoint again; reports
// the first broken link or a removed tail, if any.
// Exit code 0 when the chain is intact, 1 when it is broken (for monitoring).

import { appDatabaseUrl } from "./db.ts";
import { startServer } from "./lib/database.ts";

const server = await startServer("dev", false);
process.env.DATABASE_URL = await appDatabaseUrl(server.url);
const { verifyAuditLog } = await import("@/lib/audit/checkpoint");
const { disconnect } = await import("@/lib/db");
const report = await verifyAuditLog();
await disconnect();
await server.stop();
if (report.ok) console.log(`Journal d'audit : ${report.text}`);
else {
  console.error(`Journal d'audit altéré : ${report.text}`);
  process.exit(1);
}
