import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "../../scripts/lib/browser.ts";
import { SMTP_PORT } from "./mailbox";

// An installed Chromium or Chrome (machines without internet cannot download Playwright's).
const systemChromium = findChromium();
const port = Number(process.env.E2E_PORT ?? 3100);
const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig({
  testDir: ".",
  outputDir: path.join(root, "test-results"),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  globalSetup: "./global-setup.ts",
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    actionTimeout: 15_000,
    ...devices["Desktop Chrome"],
    launchOptions: systemChromium
      ? {
          executablePath: systemChromium,
          args: [
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-gpu",
          ],
        }
      : {},
  },
  webServer: {
    command: "npx tsx --conditions=react-server scripts/e2e-server.ts",
    cwd: root,
    url: `http://localhost:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}/?ignoreTLS=true`,
      APP_URL: `http://localhost:${port}`,
    },
  },
});
