// Database commands that work offline (no Prisma engine binary needed):
//   migrate                 apply prisma/migrations to the database
//   migration:create NAME   write the next migration from the changes of schema.prisma
//   seed                    write the demo data (idempotent)
//   reset                   drop the database, migrate, seed
// The database is DATABASE_URL when set, else the embedded PostgreSQL's `ptce` database.
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { dropDatabase, ensureDatabase, startServer } from "./lib/database.ts";
import {
  applyMigrations,
  MIGRATIONS_DIR,
  pendingSchemaSql,
  SCHEMA_PATH,
  SCHEMA_SNAPSHOT_PATH,
} from "./lib/schema-engine.ts";

export async function appDatabaseUrl(serverUrl: string): Promise<string> {
  return process.env.DATABASE_URL ?? (await ensureDatabase(serverUrl, "ptce"));
}

export async function migrate(url: string): Promise<void> {
  const applied = await applyMigrations(url);
  console.log(
    applied.length
      ? `Migrations appliquées : ${applied.join(", ")}`
      : "Base à jour : aucune migration en attente.",
  );
}

async function createMigration(url: string, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name))
    throw new Error("Nom de migration attendu en minuscules, chiffres et _ (ex. add_reports).");
  const sql = await pendingSchemaSql(url);
  if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) {
    console.log("schema.prisma et les migrations sont déjà alignés : rien à créer.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  await writeFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), 'provider = "postgresql"\n');
  await copyFile(SCHEMA_PATH, SCHEMA_SNAPSHOT_PATH);
  console.log(`Migration écrite : ${path.relative(process.cwd(), dir)}/migration.sql`);
}

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  const server = await startServer("dev");
  try {
    const url = await appDatabaseUrl(server.url);
    switch (command) {
      case "migrate":
        await migrate(url);
        break;
      case "migration:create":
        await createMigration(url, arg ?? "");
        break;
      case "seed": {
        const { seedDemo } = await import("../prisma/seed.ts");
        await seedDemo(url);
        break;
      }
      case "reset": {
        if (process.env.DATABASE_URL && process.env.CONFIRM_RESET !== "yes")
          throw new Error(
            "DATABASE_URL est défini : relancez avec CONFIRM_RESET=yes pour effacer cette base.",
          );
        await dropDatabase(url);
        const fresh = await ensureDatabase(url, new URL(url).pathname.slice(1));
        await migrate(fresh);
        const { seedDemo } = await import("../prisma/seed.ts");
        await seedDemo(fresh);
        break;
      }
      default:
        throw new Error(
          `Commande inconnue « ${command ?? ""} » : migrate, migration:create NOM, seed ou reset.`,
        );
    }
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("scripts/db.ts")) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
