// Prisma's schema engine compiled to WebAssembly, driven through the `pg` driver adapter.
// It computes and applies migrations without the native engine binary, which cannot be
// downloaded on machines without internet access. `applyMigrations` does what
// `prisma migrate deploy` does and records the same rows in `_prisma_migrations`.
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
/**
 * Copy of schema.prisma as the committed migrations leave the database. Diffing two datamodels needs
 * no database: the engine's introspection through the pg adapter fails on PostgreSQL's "char" columns.
 */
export const SCHEMA_SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");
const NO_FILTER = { externalTables: [], externalEnums: [] };

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  free(): void;
};

// The engine reports its panics through this global before throwing.
(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
  set_message: (message: string) => console.error(`Moteur de schéma Prisma (panique) : ${message}`),
};

/**
 * The pg adapter runs a migration script by splitting it on every ";", which breaks function bodies
 * and quoted text. PostgreSQL takes a whole script in one simple query: send it as written.
 */
class WholeScriptPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const queryable = adapter as unknown as { client: { query(sql: string): Promise<unknown> } };
    adapter.executeScript = async (script: string) => {
      await queryable.client.query(script);
    };
    return adapter;
  }
}

async function loadEngine(databaseUrl: string): Promise<Engine> {
  const runtime = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as {
    __wbg_set_wasm(exports: unknown): void;
    SchemaEngine: {
      new: (options: unknown, debug: (m: string) => void, adapter: unknown) => Promise<Engine>;
    };
  };
  const wasmPath = path.join(
    path.dirname(require.resolve("@prisma/schema-engine-wasm")),
    "schema_engine_bg.wasm",
  );
  const instance = new WebAssembly.Instance(new WebAssembly.Module(await readFile(wasmPath)), {
    "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports,
  });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();

  const url = new URL(databaseUrl);
  const adapter = bindMigrationAwareSqlAdapterFactory(
    new WholeScriptPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
    }),
  );
  const schema = await readFile(SCHEMA_PATH, "utf8");
  return runtime.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, adapter);
}

async function migrationsList() {
  const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: {
      path: "migration_lock.toml",
      content: await readFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8").catch(
        () => null,
      ),
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: {
            tag: "ok",
            value: await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8"),
          },
        },
      })),
    ),
  };
}

/** Applies the pending migrations of prisma/migrations; returns their names. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const engine = await loadEngine(databaseUrl);
  try {
    const result = await engine.applyMigrations({
      migrationsList: await migrationsList(),
      filters: NO_FILTER,
    });
    await migrateJobQueue(databaseUrl);
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** The job queue's own schema (graphile_worker), kept up to date by the library beside the product's tables. */
async function migrateJobQueue(connectionString: string): Promise<void> {
  const { runMigrations, Logger } = await import("graphile-worker");
  const quiet = new Logger(() => (level: string, message: string) => {
    if (level === "error") console.error(`File de travaux : ${message}`);
  });
  await runMigrations({ connectionString, logger: quiet });
}

/** The SQL that brings the committed migrations up to schema.prisma (empty when in sync). */
export async function pendingSchemaSql(databaseUrl: string): Promise<string> {
  const engine = await loadEngine(databaseUrl);
  try {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const snapshot = await readFile(SCHEMA_SNAPSHOT_PATH, "utf8").catch(() => null);
    const result = await engine.diff({
      from:
        snapshot === null
          ? { tag: "empty" }
          : { tag: "schemaDatamodel", files: [{ path: SCHEMA_SNAPSHOT_PATH, content: snapshot }] },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
