import "server-only";
import { auditHash, GENESIS_HASH, toJsonValue } from "@/lib/audit/chain";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { paged } from "@/lib/pagination";
import { parisEndOfDay, parisTimeToUtc } from "@/lib/time";

export type AuditInput = {
  actorId: string | null;
  action: string; // e.g. "user.create", "call.phase"
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

// One writer at a time extends the chain: a transaction-scoped advisory lock orders them.
const AUDIT_LOCK_KEY = 7_202_511;

/** Appends an event to the audit log, inside the caller's transaction. */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = {
    at: new Date(),
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: toJsonValue(input.before),
    after: toJsonValue(input.after),
  };
  await tx.auditEvent.create({
    data: {
      ...fields,
      before: fields.before === null ? Prisma.DbNull : (fields.before as Prisma.InputJsonValue),
      after: fields.after === null ? Prisma.DbNull : (fields.after as Prisma.InputJsonValue),
      prevHash,
      hash: auditHash(prevHash, fields),
    },
  });
}

/** The log's head: how many events, and the last one's id and hash (null when the log is empty). */
export async function auditHead() {
  const [first, last, count] = await Promise.all([
    db().auditEvent.findFirst({ orderBy: { id: "asc" }, select: { at: true } }),
    db().auditEvent.findFirst({
      orderBy: { id: "desc" },
      select: { id: true, hash: true, at: true },
    }),
    db().auditEvent.count(),
  ]);
  return first && last
    ? { count, lastId: last.id, lastHash: last.hash, firstAt: first.at, lastAt: last.at }
    : null;
}

/** Whether the event `id` is still there with the hash `hash` (a checkpoint's head). */
export async function auditEventHasHash(id: bigint, hash: string): Promise<boolean> {
  return (await db().auditEvent.count({ where: { id, hash } })) === 1;
}

export type ChainReport =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAtId: bigint; reason: string };

/** Walks the whole log in order and reports the first row whose link or content does not match. */
export async function verifyAuditChain(batchSize = 1000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let cursor: bigint | undefined;
  let checked = 0;
  for (;;) {
    const rows = await db().auditEvent.findMany({
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor === undefined ? {} : { cursor: { id: cursor }, skip: 1 }),
    });
    if (!rows.length) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          brokenAtId: row.id,
          reason:
            "le lien vers l'événement précédent ne correspond pas (ligne supprimée ou insérée)",
        };
      }
      if (auditHash(prevHash, row) !== row.hash) {
        return {
          ok: false,
          checked,
          brokenAtId: row.id,
          reason: "le contenu de l'événement a été modifié",
        };
      }
      prevHash = row.hash;
      checked += 1;
    }
    cursor = rows[rows.length - 1]!.id;
  }
}

export type AuditFilter = {
  action?: string;
  entity?: string;
  actor?: string;
  from?: string;
  to?: string;
};

/** One page of the audit log, newest first, for administrators. Days are Paris days. */
export async function searchAuditEvents(
  actor: Actor,
  filter: AuditFilter,
  page: { page: number; size: number; skip: number },
) {
  assertCan(actor, "audit.read");
  const where: Prisma.AuditEventWhereInput = {
    AND: [
      filter.action ? { action: { startsWith: filter.action } } : {},
      filter.entity
        ? {
            OR: [
              { entityType: { equals: filter.entity, mode: "insensitive" } },
              { entityId: filter.entity },
            ],
          }
        : {},
      filter.actor
        ? {
            actor: {
              OR: [
                { email: { contains: filter.actor, mode: "insensitive" } },
                { name: { contains: filter.actor, mode: "insensitive" } },
              ],
            },
          }
        : {},
      filter.from ? { at: { gte: parisTimeToUtc(filter.from, "00:00") } } : {},
      filter.to ? { at: { lte: parisEndOfDay(filter.to) } } : {},
    ],
  };
  const [items, total] = await Promise.all([
    db().auditEvent.findMany({
      where,
      orderBy: { id: "desc" },
      skip: page.skip,
      take: page.size,
      include: { actor: { select: { name: true, email: true } } },
    }),
    db().auditEvent.count({ where }),
  ]);
  return paged(items, total, page.page, page.size);
}
