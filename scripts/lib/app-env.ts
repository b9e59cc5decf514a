// The environment the app server needs, completed for local use: a secret kept in .data/ so that
// sessions survive restarts, and the public address.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./schema-engine.ts";

function localSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(ROOT, ".data/nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

export function appEnv(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: localSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // The production build run on this machine (http, one disk, maybe no SMTP): not a production deployment.
    LOCAL_RUN: "yes",
    // Used here without an SMTP server, the e-mails are written to the log (and shown so in the delivery log).
    ...(process.env.SMTP_URL ? {} : { MAIL_LOG_ONLY: "yes" }),
    PORT: String(port),
  };
}

export const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

/** Node's arguments to run the production server (scripts/server.ts: Next.js with the page cache) after `next build`. */
export const PRODUCTION_SERVER_ARGS = ["--import", "tsx", path.join(ROOT, "scripts/server.ts")];
