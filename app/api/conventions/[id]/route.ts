import { actorOrThrow } from "@/lib/auth/session";
import { readConventionFile } from "@/lib/conventions/data";
import { attachmentDisposition, errorResponse } from "@/lib/http";

/** The convention's PDF as generated. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const file = await readConventionFile(await actorOrThrow(), (await params).id, "document");
    return pdfResponse(file);
  } catch (error) {
    return errorResponse(error);
  }
}

function pdfResponse(file: { bytes: Buffer; fileName: string; mimeType: string }): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Disposition": attachmentDisposition(file.fileName),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
