import { afterAll, beforeAll, beforeEach, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "secret-de-test-suffisamment-long-pour-next-auth";
// Files of the run go to a temporary folder (the Storage's disk implementation).
process.env.STORAGE_DIR = (await import("node:fs")).mkdtempSync(
  (await import("node:path")).join((await import("node:os")).tmpdir(), "ptce-fichiers-"),
);

const { db, disconnect } = await import("@/lib/db");
const { syncRegionCatalog } = await import("@/lib/regions/mutations");

// Reference data (regions, départements) stays; everything else is emptied before each test.
const KEPT = new Set(["_prisma_migrations", "Region", "Departement"]);

beforeAll(async () => {
  if ((await db().region.count()) === 0) await syncRegionCatalog();
});

beforeEach(async () => {
  const tables = await db().$queryRaw<
    { tablename: string }[]
  >`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
  const names = tables.map((t) => t.tablename).filter((t) => !KEPT.has(t));
  // The audit log refuses TRUNCATE (a trigger): the test database is emptied as its owner, triggers off.
  if (names.length)
    await db().$transaction([
      db().$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
      db().$executeRawUnsafe(
        `TRUNCATE TABLE ${names.map((n) => `"${n}"`).join(", ")} RESTART IDENTITY CASCADE`,
      ),
    ]);
  // The job queue too (its own schema): a test's jobs never run in the next one.
  await db().$executeRawUnsafe("DELETE FROM graphile_worker._private_jobs");
  await db().$executeRawUnsafe("DELETE FROM graphile_worker._private_job_queues");
});

afterAll(async () => {
  await disconnect();
});
