import { actorOrThrow } from "@/lib/auth/session";
import { exportCall } from "@/lib/exports/data";
import { attachmentDisposition, errorResponse } from "@/lib/http";

// GET /api/exports/{dossiers|notes|decisions|conventions|versements}?appel=ami-ptce-2025&format=csv|xlsx
export async function GET(request: Request, { params }: { params: Promise<{ dataset: string }> }) {
  try {
    const actor = await actorOrThrow();
    const url = new URL(request.url);
    const file = await exportCall(
      actor,
      (await params).dataset,
      url.searchParams.get("appel"),
      url.searchParams.get("format"),
    );
    return new Response(file.stream, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": attachmentDisposition(file.fileName),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
