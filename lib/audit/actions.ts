"use server";
import { runAsActor } from "@/lib/actions/run";
import { verifyAuditLogAs } from "@/lib/audit/checkpoint";

export async function verifyAuditChainAction() {
  return runAsActor((actor) => verifyAuditLogAs(actor));
}
