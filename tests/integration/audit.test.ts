import { describe, expect, it } from "vitest";
import { recordAudit, verifyAuditChain } from "@/lib/audit/log";
import { db } from "@/lib/db";

async function writeEvents(n: number) {
  for (let i = 0; i < n; i++) {
    await db().$transaction((tx) =>
      recordAudit(tx, {
        actorId: null,
        action: "test.event",
        entityType: "Test",
        entityId: String(i),
        after: { i, note: `événement ${i}` },
      }),
    );
  }
}

describe("audit log", () => {
  it("is append-only in the database itself", async () => {
    await writeEvents(1);
    await expect(db().$executeRaw`UPDATE "AuditEvent" SET action = 'falsifié'`).rejects.toThrow(
      /append-only/,
    );
    await expect(db().$executeRaw`DELETE FROM "AuditEvent"`).rejects.toThrow(/append-only/);
  });

  it("detects a row changed by someone who bypassed the trigger, and names it", async () => {
    await writeEvents(5);
    expect(await verifyAuditChain()).toEqual({ ok: true, checked: 5 });
    await db().$transaction([
      db().$executeRaw`SET LOCAL session_replication_role = replica`,
      db()
        .$executeRaw`UPDATE "AuditEvent" SET "after" = '{"i": 2, "note": "falsifié"}' WHERE id = 3`,
    ]);
    expect(await verifyAuditChain(2)).toEqual({
      ok: false,
      checked: 2,
      brokenAtId: 3n,
      reason: "le contenu de l'événement a été modifié",
    });
  });

  it("detects a deleted row", async () => {
    await writeEvents(4);
    await db().$transaction([
      db().$executeRaw`SET LOCAL session_replication_role = replica`,
      db().$executeRaw`DELETE FROM "AuditEvent" WHERE id = 2`,
    ]);
    const report = await verifyAuditChain();
    expect(report).toMatchObject({ ok: false, brokenAtId: 3n });
  });

  it("keeps one chain under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db().$transaction((tx) =>
          recordAudit(tx, {
            actorId: null,
            action: "test.concurrent",
            entityType: "Test",
            entityId: String(i),
          }),
        ),
      ),
    );
    expect(await verifyAuditChain()).toEqual({ ok: true, checked: 12 });
  });
});
