import { actorOrThrow } from "@/lib/auth/session";
import { minutesOf } from "@/lib/evidence/data";
import { evidenceCallId } from "@/lib/evidence/schema";
import { attachmentDisposition, errorResponse } from "@/lib/http";

/** The minutes of the national commission (PDF), for the national cell once the decision list is finalised. */
export async function GET(_request: Request, { params }: { params: Promise<{ callId: string }> }) {
  try {
    const actor = await actorOrThrow();
    const { pdf, fileName } = await minutesOf(actor, evidenceCallId(await params));
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": attachmentDisposition(fileName),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
