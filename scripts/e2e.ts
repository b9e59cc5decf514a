// `npm run test:e2e`: the production build, then Playwright (which starts scripts/e2e-server.ts).
import { spawnSync } from "node:child_process";
import { NEXT_BIN } from "./lib/app-env.ts";
import { findChromium, MISSING_BROWSER, playwrightChromium } from "./lib/browser.ts";
import { ROOT } from "./lib/schema-engine.ts";

const run = (args: string[]) =>
  spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  }).status ?? 1;

// Said in one line before the build, rather than Playwright's advice to download a browser.
if (!findChromium() && !playwrightChromium()) {
  console.error(MISSING_BROWSER);
  process.exit(1);
}

if (!process.argv.includes("--no-build")) {
  const built = run([NEXT_BIN, "build"]);
  if (built !== 0) process.exit(built);
}
const args = process.argv.slice(2).filter((a) => a !== "--no-build");
process.exit(
  run([
    "node_modules/@playwright/test/cli.js",
    "test",
    "--config",
    "tests/e2e/playwright.config.ts",
    ...args,
  ]),
);
