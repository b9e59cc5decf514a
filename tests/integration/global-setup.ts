// A fresh database for the run, migrated with the project's own migrations: on DATABASE_URL's
// server when given, else on the embedded PostgreSQL. Dropped at the end.
import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase, startServer } from "../../scripts/lib/database.ts";
import { applyMigrations } from "../../scripts/lib/schema-engine.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startServer("test", false);
  // TEST_DATABASE_NAME lets two runs share one server (two checkouts, two engineers).
  const url = await createDatabase(server.url, process.env.TEST_DATABASE_NAME ?? "ptce_test");
  await applyMigrations(url);
  project.provide("databaseUrl", url);
  return async () => {
    await dropDatabase(url);
    await server.stop();
  };
}
