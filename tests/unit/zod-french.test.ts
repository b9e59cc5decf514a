// zod's own messages, those no schema words itself, are in French (lib/zod.ts), wherever a schema is used.
import { describe, expect, it } from "vitest";
import { parseInput } from "@/lib/validation";
import { z } from "@/lib/zod";

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
