"use server";
import { runAsActor } from "@/lib/actions/run";
import { verifyAuditChainAs } from "@/lib/audit/log";

export async function verifyAuditChainAction() {
  return runAsActor(async (actor) => {
    const report = await verifyAuditChainAs(actor);
    return report.ok
      ? { ok: true as const, checked: report.checked }
      : {
          ok: false as const,
          checked: report.checked,
          brokenAtId: String(report.brokenAtId),
          reason: report.reason,
        };
  });
}
