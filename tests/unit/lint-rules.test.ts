// The boundaries of the layout are lint rules (biome.jsonc): this test lints small files that break them,
// and some that keep them, in a scratch project carrying the project's own configuration.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const biome = path.join(root, "node_modules/.bin/biome");

const usesDb = 'import { db } from "@/lib/db";\n\nexport const count = () => db.user.count();\n';
const takesTx =
  'import type { Tx } from "@/lib/db";\n\nexport const count = (tx: Tx) => tx.user.count();\n';
const usesZod = 'import { z } from "zod";\n\nexport const name = z.string();\n';
const PROBES: Record<string, string> = {
  "app/probe/page.tsx": usesDb,
  "lib/calls/data.ts": usesDb,
  "lib/calls/mutations.ts": usesDb,
  "lib/calls/phase.ts": usesDb,
  "lib/calls/rules.ts": takesTx,
  "lib/audit/log.ts": usesDb,
  "lib/jobs/queue.ts": usesDb,
  "components/probe/header.tsx":
    'import { getActor } from "@/lib/auth/session";\n\nexport const actor = getActor;\n',
  "components/probe/guard.ts": 'import "server-only";\n\nexport const x = 1;\n',
  "components/probe/list.tsx":
    'import { listCalls } from "@/lib/calls/data";\n\nexport const list = listCalls;\n',
  "components/probe/view.tsx":
    'import type { CallSummary } from "@/lib/calls/data";\n\nexport type View = CallSummary;\n',
  "lib/zod.ts": usesZod,
  "lib/poles/schema.ts": usesZod,
  "lib/poles/data.ts": usesZod,
  "components/probe/zod-form.tsx": usesZod,
  "app/probe/zod-route.ts": usesZod,
  "lib/probe/first.ts":
    'import { second } from "./second";\n\nexport const first = () => second();\n',
  "lib/probe/second.ts":
    'import { first } from "./first";\n\nexport const second = () => first();\n',
};

let project: string;
let findings: string[];

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), "lint-rules-"));
  // The scratch project is not a git repository: the configuration without its use of .gitignore.
  const config = readFileSync(path.join(root, "biome.jsonc"), "utf8");
  const vcs = '"vcs": { "enabled": true, "clientKind": "git", "useIgnoreFile": true }';
  expect(config).toContain(vcs);
  writeFileSync(
    path.join(project, "biome.jsonc"),
    config.replace(vcs, '"vcs": { "enabled": false }'),
  );
  for (const [file, text] of Object.entries(PROBES)) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), text);
  }
  let output: string;
  try {
    output = execFileSync(biome, ["lint", "--reporter=json", "."], {
      cwd: project,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch (error) {
    output = (error as { stdout: string }).stdout; // exit 1: the findings are the point
  }
  const report = JSON.parse(output) as {
    diagnostics: { category: string; location: { path: string } }[];
  };
  findings = report.diagnostics.map((d) => `${d.location.path} ${d.category}`).sort();
}, 60_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("the layout's boundaries (biome.jsonc)", () => {
  it("refuses the database outside data.ts, mutations.ts and the infrastructure", () => {
    expect(findings).toContain("app/probe/page.tsx lint/style/noRestrictedImports");
    expect(findings).toContain("lib/calls/phase.ts lint/style/noRestrictedImports");
    for (const kept of [
      "lib/calls/data.ts",
      "lib/calls/mutations.ts",
      "lib/calls/rules.ts",
      "lib/audit/log.ts",
      "lib/jobs/queue.ts",
    ])
      expect(findings.filter((f) => f.startsWith(`${kept} `))).toEqual([]);
  });

  it("keeps server-only code out of components, types from data.ts excepted", () => {
    expect(findings).toContain("components/probe/header.tsx lint/style/noRestrictedImports");
    expect(findings).toContain("components/probe/guard.ts lint/style/noRestrictedImports");
    expect(findings).toContain("components/probe/list.tsx lint/style/noRestrictedImports");
    expect(findings.filter((f) => f.startsWith("components/probe/view.tsx "))).toEqual([]);
  });

  it("imports zod from lib/zod.ts only (its French messages)", () => {
    for (const refused of [
      "lib/poles/schema.ts",
      "lib/poles/data.ts",
      "components/probe/zod-form.tsx",
      "app/probe/zod-route.ts",
    ])
      expect(findings).toContain(`${refused} lint/style/noRestrictedImports`);
    expect(findings.filter((f) => f.startsWith("lib/zod.ts "))).toEqual([]);
  });

  it("refuses import cycles", () => {
    expect(findings).toContain("lib/probe/first.ts lint/suspicious/noImportCycles");
  });
});
