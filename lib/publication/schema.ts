// The request of the open data of a call's grants (zod only).

import { AppError } from "@/lib/errors";
import type { ScdlFormat } from "@/lib/publication/scdl";
import * as z from "@/lib/zod";

const FORMAT_MESSAGE = "Format inconnu : choisissez csv ou json.";

/** `/api/donnees-ouvertes/{slug}`: a call's slug (lower-case letters, digits and hyphens, as the call form writes it). */
const openDataParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });
/** `?format=csv|json`, CSV when absent. */
const openDataQuerySchema = z.object({
  format: z.enum(["csv", "json"], { message: FORMAT_MESSAGE }).default("csv"),
});

/** The slug and the format of the request: NOT_FOUND for a malformed slug, VALIDATION (in French) for a bad format. */
export function openDataRequest(params: unknown, url: URL): { slug: string; format: ScdlFormat } {
  const route = openDataParamsSchema.safeParse(params);
  if (!route.success) throw new AppError("NOT_FOUND");
  const query = openDataQuerySchema.safeParse({
    format: url.searchParams.get("format") ?? undefined,
  });
  if (!query.success)
    throw new AppError("VALIDATION", FORMAT_MESSAGE, { format: [FORMAT_MESSAGE] });
  return { slug: route.data.slug, format: query.data.format };
}
