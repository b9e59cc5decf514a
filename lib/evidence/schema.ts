// The route parameters of the jury's evidence (zod only).

import { AppError } from "@/lib/errors";
import * as z from "@/lib/zod";

/** `/api/cna/proces-verbal/{callId}`, `/api/cna/pieces-du-jury/{callId}`: a call's identifier (a cuid). */
const evidenceParamsSchema = z.object({ callId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** The call's identifier of the route; a malformed one is a call that does not exist (NOT_FOUND). */
export function evidenceCallId(params: unknown): string {
  const parsed = evidenceParamsSchema.safeParse(params);
  if (!parsed.success) throw new AppError("NOT_FOUND");
  return parsed.data.callId;
}
