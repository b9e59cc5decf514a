import { afterEach, describe, expect, it } from "vitest";
import { logAsJson, requestIdOf, withRequestId } from "@/lib/logging";

const original = { ...console };
afterEach(() => Object.assign(console, original));

function capture() {
  const lines: Record<string, unknown>[] = [];
  logAsJson("web", { write: (line: string) => lines.push(JSON.parse(line)) });
  return lines;
}

describe("logs", () => {
  it("are JSON lines carrying the id of the request being served, on every line", async () => {
    const lines = capture();
    await withRequestId("req-12345678", async () => {
      console.info("page rendue en %d ms", 12);
      await new Promise((resolve) => setTimeout(resolve, 1));
      console.error(new Error("base injoignable"));
    });
    console.warn("hors requête");
    expect(lines).toEqual([
      expect.objectContaining({
        level: "info",
        service: "web",
        requestId: "req-12345678",
        msg: "page rendue en 12 ms",
      }),
      expect.objectContaining({
        level: "error",
        requestId: "req-12345678",
        msg: expect.stringMatching(/^Error: base injoignable\n\s+at /),
      }),
      expect.objectContaining({ level: "warn", msg: "hors requête" }),
    ]);
    expect(lines[2]).not.toHaveProperty("requestId");
    expect(lines[0]?.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("keep a proxy's request id when it looks like one, else make a new one", () => {
    expect(requestIdOf("3f2a9c1e-proxy-id")).toBe("3f2a9c1e-proxy-id");
    for (const sent of [undefined, "court", "avec\nretour-a-la-ligne", "x".repeat(200), ["a", "b"]])
      expect(requestIdOf(sent)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
