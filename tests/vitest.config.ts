import path from "node:path";
import { defineConfig } from "vitest/config";

// A time zone far from UTC (and from Paris), so that a date computed in the machine's zone fails.
process.env.TZ = "Pacific/Auckland";

const root = path.resolve(import.meta.dirname, "..");
const resolve = {
  alias: [
    { find: /^@\/(.*)$/, replacement: `${root}/$1` },
    // The real guard only runs under React's server condition; in tests every module is server-side.
    { find: /^server-only$/, replacement: `${root}/tests/fixtures/server-only.ts` },
  ],
};

export default defineConfig({
  root,
  test: {
    projects: [
      {
        resolve,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup.ts"],
          // One database for the run, reset between tests: files run one at a time.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
