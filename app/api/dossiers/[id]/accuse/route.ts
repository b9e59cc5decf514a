import { receiptOf } from "@/lib/applications/data";
import { actorOrThrow } from "@/lib/auth/session";
import { attachmentDisposition, errorResponse } from "@/lib/http";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await actorOrThrow();
    const { pdf, fileName } = await receiptOf(actor, (await params).id);
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
