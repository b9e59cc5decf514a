// Server-side parsing of every input: a zod failure becomes a VALIDATION error whose field
// messages go back to the form.

import { AppError, type FieldErrors } from "@/lib/errors";
import type { z } from "@/lib/zod";

function fieldErrorsOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_form";
    out[key] ??= [];
    out[key].push(issue.message);
  }
  return out;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", undefined, fieldErrorsOf(parsed.error.issues));
  return parsed.data;
}
