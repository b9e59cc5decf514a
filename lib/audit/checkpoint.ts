import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { auditEventHasHash, auditHead, verifyAuditChain } from "@/lib/audit/log";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { authEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { storage } from "@/lib/storage/storage";

// Checkpoints of the audit log's head, signed with a key that is not in the database and kept in the file
// storage, outside it: whoever removes the last events, or all of them, with the triggers disabled, leaves a
// chain that is sound on its own but no longer reaches the last checkpoint. Written every hour by the worker.

export type AuditCheckpoint = {
  at: string;
  count: number;
  lastId: string;
  lastHash: string;
  signature: string;
};

export const LATEST_CHECKPOINT = "audit/points-de-controle/dernier.json";
const historyKey = (at: string) => `audit/points-de-controle/${at.replace(/[:.]/g, "-")}.json`;

// Derived from the server's secret (held by the servers, never by the database) for this use only.
function checkpointKey(): Buffer {
  return createHmac("sha256", authEnv().NEXTAUTH_SECRET).update("audit-checkpoint").digest();
}

function signatureOf({ at, count, lastId, lastHash }: Omit<AuditCheckpoint, "signature">): string {
  return createHmac("sha256", checkpointKey())
    .update(JSON.stringify([at, count, lastId, lastHash]))
    .digest("base64url");
}

/** Signs the log's present head and keeps it (the latest, and one file per checkpoint); null when the log is empty. */
export async function writeAuditCheckpoint(now = new Date()): Promise<AuditCheckpoint | null> {
  const head = await auditHead();
  if (!head) return null;
  const fields = {
    at: now.toISOString(),
    count: head.count,
    lastId: head.lastId.toString(),
    lastHash: head.lastHash,
  };
  const checkpoint = { ...fields, signature: signatureOf(fields) };
  const body = Buffer.from(JSON.stringify(checkpoint, null, 2));
  await storage().put(historyKey(checkpoint.at), body, "application/json");
  await storage().put(LATEST_CHECKPOINT, body, "application/json");
  return checkpoint;
}

type CheckpointReport =
  | { state: "none" }
  | { state: "forged" }
  | { state: "reached"; at: string; count: number }
  | { state: "cut"; at: string; count: number };

/** Whether the log still reaches its latest signed checkpoint. */
async function checkLatestCheckpoint(): Promise<CheckpointReport> {
  if (!(await storage().exists(LATEST_CHECKPOINT))) return { state: "none" };
  const checkpoint = JSON.parse(
    (await storage().get(LATEST_CHECKPOINT)).toString("utf8"),
  ) as AuditCheckpoint;
  const expected = Buffer.from(signatureOf(checkpoint));
  const sent = Buffer.from(String(checkpoint.signature));
  if (expected.length !== sent.length || !timingSafeEqual(expected, sent))
    return { state: "forged" };
  const { at, count } = checkpoint;
  const head = await auditHead();
  const reached =
    head !== null &&
    head.count >= count &&
    (await auditEventHasHash(BigInt(checkpoint.lastId), checkpoint.lastHash));
  return reached ? { state: "reached", at, count } : { state: "cut", at, count };
}

/**
 * The whole verification, as the administrator and the command line read it: the chain walked from the
 * first event, then the latest signed checkpoint found again; what was checked and since when.
 */
export async function verifyAuditLog(): Promise<{ ok: boolean; text: string }> {
  const [chain, checkpoint, head] = await Promise.all([
    verifyAuditChain(),
    checkLatestCheckpoint(),
    auditHead(),
  ]);
  if (!chain.ok)
    return {
      ok: false,
      text: `Chaîne rompue à l'événement n° ${chain.brokenAtId} : ${chain.reason} (${chain.checked} événements intacts avant lui).`,
    };
  if (checkpoint.state === "forged")
    return {
      ok: false,
      text: "Le dernier point de contrôle n'a pas la signature du service : il a été remplacé, le journal ne peut pas être tenu pour complet.",
    };
  if (checkpoint.state === "cut")
    return {
      ok: false,
      text: `La fin du journal a disparu : le point de contrôle signé du ${formatDateTime(new Date(checkpoint.at))} comptait ${checkpoint.count} événements, dont le dernier n'y est plus tel qu'il était (${chain.checked} événements restent).`,
    };
  const span = head
    ? `, du ${formatDateTime(head.firstAt)} au ${formatDateTime(head.lastAt)}`
    : " (journal vide)";
  const reached =
    checkpoint.state === "reached"
      ? ` Le point de contrôle signé du ${formatDateTime(new Date(checkpoint.at))} (${checkpoint.count} événements) est retrouvé : rien n'a été retiré de la fin jusqu'à lui.`
      : " Aucun point de contrôle signé encore (le premier est écrit dans l'heure) : un retrait de la fin du journal ne pourrait pas être détecté d'ici là.";
  return {
    ok: true,
    text: `Chaîne intacte : ${chain.checked} événements vérifiés${span}.${reached}`,
  };
}

/** The verification, for administrators. */
export async function verifyAuditLogAs(actor: Actor) {
  assertCan(actor, "audit.read");
  return verifyAuditLog();
}
