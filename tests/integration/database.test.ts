import { readdirSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { MIGRATIONS_DIR, pendingSchemaSql } from "../../scripts/lib/schema-engine";

describe("migrations", () => {
  it("the committed migrations match schema.prisma (no change without its migration)", async () => {
    const sql = await pendingSchemaSql(inject("databaseUrl"));
    expect(sql.trim()).toBe("-- This is an empty migration.");
  });
  it("were applied and recorded as prisma migrate deploy records them", async () => {
    const rows = await db().$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    const committed = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(committed.length).toBeGreaterThanOrEqual(3);
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });
});
