// zod's own messages are in French (lib/zod.ts), wherever a schema is used; and the texts parseInput refuses before any schema.
import { describe, expect, it } from "vitest";
import { CONTROL_CHARACTER_MESSAGE } from "@/lib/errors";
import { parseInput, searchText } from "@/lib/validation";
import * as z from "@/lib/zod";

describe("zod in French", () => {
  it("words its own messages in French: a number expected, a text too long, a choice unknown", () => {
    const messages = [
      z.number().safeParse("abc"),
      z.string().max(3).safeParse("abcdef"),
      z.enum(["A", "B"]).safeParse("C"),
      z.object({ n: z.number() }).safeParse({}),
    ].map((r) => r.error?.issues[0]?.message ?? "");
    for (const message of messages) {
      expect(message).not.toMatch(/Invalid|expected|Too big/);
      expect(message).toMatch(/[a-z]/);
    }
    expect(messages[0]).toMatch(/nombre/);
    expect(messages[1]).toMatch(/3 caractères/);
  });

  it("reaches the field errors a command answers with", () => {
    const schema = z.object({ amountCents: z.number().int() });
    expect(() => parseInput(schema, { amountCents: "abc" })).toThrow(
      expect.objectContaining({
        fieldErrors: { amountCents: [expect.stringMatching(/nombre/)] },
      }),
    );
  });
});

describe("control characters in any text of an input", () => {
  const schema = z.object({
    title: z.string(),
    indicators: z.array(z.object({ label: z.string() })),
  });

  it("are refused at their field, however deep, before the schema reads them", () => {
    for (const character of ["\u0000", "\u0007", "\u000b", "\u001f", "\u007f"])
      expect(() =>
        parseInput(schema, { title: "Pôle", indicators: [{ label: `Emplois${character}` }] }),
      ).toThrow(
        expect.objectContaining({
          code: "VALIDATION",
          fieldErrors: { "indicators.0.label": [CONTROL_CHARACTER_MESSAGE] },
        }),
      );
  });

  it("let tabs and line breaks through", () => {
    expect(parseInput(schema, { title: "Pôle\tdu\r\nbocage", indicators: [] }).title).toBe(
      "Pôle\tdu\r\nbocage",
    );
  });
});

describe("the search text of a filter (a GET parameter)", () => {
  it("drops control characters, trims, and ignores what is empty or too long", () => {
    const q = searchText(10);
    expect(q.parse("  a\u0000b ")).toBe("ab");
    expect(q.parse("\u0000")).toBeUndefined();
    expect(q.parse("")).toBeUndefined();
    expect(q.parse("x".repeat(11))).toBeUndefined();
    expect(q.parse(undefined)).toBeUndefined();
    expect(q.parse(["a", "b"])).toBeUndefined();
  });
});
