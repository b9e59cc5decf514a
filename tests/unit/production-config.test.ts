import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { productionConfigurationProblems } from "@/lib/config-checks";

const ROOT = path.resolve(import.meta.dirname, "../..");
const GOOD: NodeJS.ProcessEnv = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://ptce@db:5432/ptce",
  NEXTAUTH_SECRET: "q3VbX9rTzK1mWc7LpN0yHs5dFg2JaE8u",
  APP_URL: "https://ptce.example.gouv.fr",
  SMTP_URL: "smtp://relais:587",
  S3_BUCKET: "ptce-pieces",
};

describe("a production start", () => {
  it("accepts a complete configuration, and checks nothing outside production or for a local run", () => {
    expect(productionConfigurationProblems(GOOD)).toEqual([]);
    expect(productionConfigurationProblems({ NODE_ENV: "development" })).toEqual([]);
    expect(productionConfigurationProblems({ NODE_ENV: "production", LOCAL_RUN: "yes" })).toEqual(
      [],
    );
  });

  it("names each missing or weak setting in one line", () => {
    const cases: [Partial<NodeJS.ProcessEnv>, RegExp][] = [
      [{ NEXTAUTH_SECRET: undefined }, /^NEXTAUTH_SECRET doit compter au moins 32 caractères/],
      [{ NEXTAUTH_SECRET: "motdepasse".repeat(4) }, /^NEXTAUTH_SECRET/],
      [
        { APP_URL: "http://ptce.example.gouv.fr" },
        /^APP_URL doit être l'adresse publique du service en https \(reçu : « http:/,
      ],
      [{ APP_URL: undefined }, /^APP_URL .*\(reçu : rien\)/],
      [{ SMTP_URL: undefined }, /^SMTP_URL est requis/],
      [{ S3_BUCKET: undefined }, /^S3_BUCKET \(ou STORAGE_DIR/],
      [{ TRUSTED_PROXY_HOPS: "deux" }, /^TRUSTED_PROXY_HOPS doit être un nombre entier/],
      [{ DATABASE_URL: undefined }, /^DATABASE_URL est requis/],
    ];
    for (const [change, line] of cases) {
      const problems = productionConfigurationProblems({ ...GOOD, ...change });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(line);
    }
    expect(
      productionConfigurationProblems({ ...GOOD, S3_BUCKET: undefined, STORAGE_DIR: "/partage" }),
    ).toEqual([]);
  });

  it("stops `npm start` before anything listens, one clear line each", () => {
    const started = spawnSync(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        ...GOOD,
        NEXTAUTH_SECRET: "court",
        APP_URL: "http://ptce.example.gouv.fr",
        SMTP_URL: "",
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^Configuration de production : NEXTAUTH_SECRET/),
      expect.stringMatching(/^Configuration de production : APP_URL/),
      expect.stringMatching(/^Configuration de production : SMTP_URL/),
    ]);
  }, 60_000);
});

describe(".env.example", () => {
  it("lists every variable the product reads", () => {
    const listed = new Set(
      [
        ...readFileSync(path.join(ROOT, ".env.example"), "utf8").matchAll(
          /^#?\s*([A-Z][A-Z0-9_]+)=/gm,
        ),
      ].map((m) => m[1]),
    );
    const read = new Set<string>();
    for (const dir of ["lib", "app", "scripts", "prisma"])
      for (const file of readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" }))
        if (/\.(ts|tsx|mjs)$/.test(file) && !file.includes("migrations"))
          for (const m of readFileSync(path.join(ROOT, dir, file), "utf8").matchAll(
            /process\.env\.([A-Z][A-Z0-9_]+)|\b([A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+): z\b/g,
          ))
            read.add(m[1] ?? m[2]!);
    const forTestsOnly = ["E2E_PORT", "CHROMIUM_PATH", "CONFIRM_RESET", "NODE_ENV"];
    const missing = [...read].filter((name) => !listed.has(name) && !forTestsOnly.includes(name));
    expect(missing).toEqual([]);
  });
});
