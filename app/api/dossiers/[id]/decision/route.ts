import { actorOrThrow } from "@/lib/auth/session";
import { attachmentDisposition, errorResponse } from "@/lib/http";
import { decisionLetterOf } from "@/lib/national/data";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await actorOrThrow();
    const { pdf, fileName } = await decisionLetterOf(actor, (await params).id);
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
