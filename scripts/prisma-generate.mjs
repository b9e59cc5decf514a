// Generates the Prisma client (lib/generated/prisma) after `npm install`.
// Generation uses only Prisma's bundled WebAssembly; the CLI still checks that a schema engine
// binary exists, which cannot be downloaded offline: point it at any existing file (node itself).
import { execFileSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
execFileSync(
  process.execPath,
  ["node_modules/prisma/build/index.js", "generate", "--config", "prisma/prisma.config.ts"],
  { stdio: "inherit", env },
);
