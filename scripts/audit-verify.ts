// `npm run audit:verify`: walks the whole audit log and reports the first broken link, if any.
// Exit code 0 when the chain is intact, 1 when it is broken (for monitoring).

import { appDatabaseUrl } from "./db.ts";
import { startServer } from "./lib/database.ts";

const server = await startServer("dev", false);
process.env.DATABASE_URL = await appDatabaseUrl(server.url);
const { verifyAuditChain } = await import("@/lib/audit/log");
const { disconnect } = await import("@/lib/db");
const report = await verifyAuditChain();
await disconnect();
await server.stop();
if (report.ok) {
  console.log(`Journal d'audit intact : ${report.checked} événements vérifiés.`);
} else {
  console.error(
    `Journal d'audit altéré : événement n° ${report.brokenAtId} (${report.reason}), après ${report.checked} événements intacts.`,
  );
  process.exit(1);
}
