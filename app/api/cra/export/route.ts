import { actorOrThrow } from "@/lib/auth/session";
import { attachmentDisposition, errorResponse } from "@/lib/http";
import { regionCsv } from "@/lib/regional/data";

export async function GET(request: Request) {
  try {
    const actor = await actorOrThrow();
    const url = new URL(request.url);
    const { csv, fileName } = await regionCsv(
      actor,
      url.searchParams.get("appel") ?? "",
      url.searchParams.get("region") ?? "",
    );
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentDisposition(fileName),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
