// Server-side parsing of every input: a zod failure becomes a VALIDATION error whose field
// messages go back to the form. Before the schema, a text holding a control character is refused at
// its field: PostgreSQL refuses U+0000 in text (the command would fail with an error 500), and none
// of them (but tab and line breaks) is typed by a person.

import { AppError, CONTROL_CHARACTER_MESSAGE, type FieldErrors } from "@/lib/errors";
import * as z from "@/lib/zod";

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

// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this finds
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this removes
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The paths of the texts of `value` holding a control character (objects and arrays walked, 20 levels at most). */
function controlCharacterPaths(
  value: unknown,
  path: string[] = [],
  found: string[] = [],
): string[] {
  if (typeof value === "string") {
    if (CONTROL_CHARACTER.test(value)) found.push(path.join(".") || "_form");
  } else if (value !== null && typeof value === "object" && path.length < 20) {
    for (const [key, item] of Object.entries(value))
      controlCharacterPaths(item, [...path, key], found);
  }
  return found;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const controlled = controlCharacterPaths(input);
  if (controlled.length)
    throw new AppError(
      "VALIDATION",
      undefined,
      Object.fromEntries(controlled.map((path) => [path, [CONTROL_CHARACTER_MESSAGE]])),
    );
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new AppError("VALIDATION", undefined, fieldErrorsOf(parsed.error.issues));
  return parsed.data;
}

/**
 * The search text of a filter form (a GET parameter), read leniently as the other filters are: trimmed,
 * its invisible control characters dropped (a search for what cannot be seen), too long or empty ignored.
 */
export function searchText(max: number) {
  return z
    .string()
    .transform((v) => v.replace(CONTROL_CHARACTERS, "").trim())
    .pipe(z.string().max(max))
    .optional()
    .transform((v) => v || undefined)
    .catch(undefined);
}
