import { actorOrThrow } from "@/lib/auth/session";
import { evidencePackOf } from "@/lib/evidence/data";
import { evidenceCallId } from "@/lib/evidence/schema";
import { documentDownload, errorResponse } from "@/lib/http";

/** The jury's evidence pack (ZIP: minutes, inputs and outputs of the selection, hashes), for the national cell. */
export async function GET(_request: Request, { params }: { params: Promise<{ callId: string }> }) {
  try {
    const actor = await actorOrThrow();
    const { zip, fileName } = await evidencePackOf(actor, evidenceCallId(await params));
    return documentDownload(zip, fileName, "application/zip");
  } catch (error) {
    return errorResponse(error);
  }
}
