import { afterEach, describe, expect, it } from "vitest";
import { LATEST_CHECKPOINT, verifyAuditLog, writeAuditCheckpoint } from "@/lib/audit/checkpoint";
import { recordAudit, verifyAuditChain } from "@/lib/audit/log";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { storage } from "@/lib/storage/storage";

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

/** What someone with the owner's rights can still do: the triggers off for one transaction. */
const bypassingTriggers = (statement: Prisma.PrismaPromise<number>) =>
  db().$transaction([db().$executeRaw`SET LOCAL session_replication_role = replica`, statement]);

describe("signed checkpoints of the audit log's head", () => {
  afterEach(() => storage().delete(LATEST_CHECKPOINT));

  it("say what was checked and since when, and that the latest checkpoint is reached", async () => {
    expect((await verifyAuditLog()).text).toMatch(/Aucun point de contrôle signé encore/);
    await writeEvents(3);
    await writeAuditCheckpoint();
    await writeEvents(1);
    const report = await verifyAuditLog();
    expect(report.ok).toBe(true);
    expect(report.text).toMatch(
      /^Chaîne intacte : 4 événements vérifiés, du .+ au .+\. Le point de contrôle signé du .+ \(3 événements\) est retrouvé/,
    );
  });

  it("detect a cut tail, which leaves a chain sound on its own", async () => {
    await writeEvents(5);
    await writeAuditCheckpoint();
    await bypassingTriggers(db().$executeRaw`DELETE FROM "AuditEvent" WHERE id > 3`);
    expect(await verifyAuditChain()).toEqual({ ok: true, checked: 3 });
    expect(await verifyAuditLog()).toEqual({
      ok: false,
      text: expect.stringMatching(
        /^La fin du journal a disparu : le point de contrôle signé du .+ comptait 5 événements/,
      ),
    });
  });

  it("detect a log emptied whole, and a checkpoint replaced", async () => {
    await writeEvents(2);
    await writeAuditCheckpoint();
    await bypassingTriggers(db().$executeRaw`TRUNCATE "AuditEvent"`);
    expect(await verifyAuditChain()).toEqual({ ok: true, checked: 0 });
    expect(await verifyAuditLog()).toMatchObject({
      ok: false,
      text: expect.stringMatching(/^La fin du journal a disparu/),
    });

    const kept = JSON.parse((await storage().get(LATEST_CHECKPOINT)).toString("utf8"));
    await storage().put(
      LATEST_CHECKPOINT,
      Buffer.from(JSON.stringify({ ...kept, count: 0, lastId: "0" })),
      "application/json",
    );
    expect(await verifyAuditLog()).toMatchObject({
      ok: false,
      text: expect.stringMatching(/n'a pas la signature du service/),
    });
  });
});

describe("audit log", () => {
  it("is append-only in the database itself", async () => {
    await writeEvents(1);
    await expect(db().$executeRaw`UPDATE "AuditEvent" SET action = 'falsifié'`).rejects.toThrow(
      /append-only/,
    );
    await expect(db().$executeRaw`DELETE FROM "AuditEvent"`).rejects.toThrow(/append-only/);
    await expect(db().$executeRaw`TRUNCATE "AuditEvent"`).rejects.toThrow(/append-only/);
    expect(await db().auditEvent.count()).toBe(1);
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
