import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every route handler that changes something, found in app/ (a new one is checked without being listed).
const APP = path.resolve(import.meta.dirname, "../../app");
const CHANGING = ["POST", "PUT", "PATCH", "DELETE"] as const;
const changingRoutes = readdirSync(APP, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith("route.ts"))
  .flatMap((file) => {
    const source = readFileSync(path.join(APP, file), "utf8");
    return CHANGING.filter((method) =>
      new RegExp(`function ${method}\\b|as ${method}\\b|\\b${method}\\s*[,}]`).test(source),
    ).map((method) => ({ file, method }));
  });

const crossSite: Record<string, Record<string, string>> = {
  "Sec-Fetch-Site: cross-site": {
    "sec-fetch-site": "cross-site",
    origin: "https://pirate.example",
  },
  "Sec-Fetch-Site: same-site": { "sec-fetch-site": "same-site", origin: "https://x.ptce.example" },
  "an Origin of another host (older browsers)": {
    host: "ptce.example",
    origin: "https://pirate.example",
  },
  "Origin: null (a sandboxed frame)": { host: "ptce.example", origin: "null" },
};

describe("state-changing route handlers refuse another site's request", () => {
  it("finds the upload, removal and sign-in routes", () => {
    expect(changingRoutes.length).toBeGreaterThanOrEqual(7);
  });

  for (const { file, method } of changingRoutes) {
    for (const [sent, headers] of Object.entries(crossSite)) {
      it(`${method} ${file} with ${sent}`, async () => {
        const route = await import(path.join(APP, file));
        const params = Promise.resolve({ id: "x", attachmentId: "x", nextauth: ["signout"] });
        const response: Response = await route[method](
          new Request("https://ptce.example/api/x", { method, headers, body: "" }),
          { params },
        );
        expect(response.status).toBe(403);
        expect((await response.json()).message).toBe(
          "Requête refusée : elle a été envoyée depuis un autre site.",
        );
      });
    }
  }
});
