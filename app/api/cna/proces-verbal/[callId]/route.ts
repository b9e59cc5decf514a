import { actorOrThrow } from "@/lib/auth/session";
import { minutesOf } from "@/lib/evidence/data";
import { evidenceCallId } from "@/lib/evidence/schema";
import { documentDownload, errorResponse } from "@/lib/http";

/** The minutes of the national commission (PDF), for the national cell once the decision list is finalised. */
export async function GET(_request: Request, { params }: { params: Promise<{ callId: string }> }) {
  try {
    const actor = await actorOrThrow();
    const { pdf, fileName } = await minutesOf(actor, evidenceCallId(await params));
    return documentDownload(pdf, fileName, "application/pdf");
  } catch (error) {
    return errorResponse(error);
  }
}
