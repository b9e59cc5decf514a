// Configuration of the standard Prisma CLI, for those with internet access:
//   npx prisma migrate dev --config prisma/prisma.config.ts
// Offline, scripts/db.ts does the same work through Prisma's WebAssembly schema engine.
import path from "node:path";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: {
    path: path.join(import.meta.dirname, "migrations"),
    seed: "tsx scripts/db.ts seed",
  },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
