import { actorOrThrow } from "@/lib/auth/session";
import { attachmentDisposition, errorResponse } from "@/lib/http";
import { readReportAttachment, removeReportAttachment } from "@/lib/reports/mutations";

type Context = { params: Promise<{ attachmentId: string }> };

export async function GET(_request: Request, { params }: Context) {
  try {
    const file = await readReportAttachment(await actorOrThrow(), (await params).attachmentId);
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": file.mimeType,
        "Content-Disposition": attachmentDisposition(file.fileName),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(_request: Request, { params }: Context) {
  try {
    await removeReportAttachment(await actorOrThrow(), (await params).attachmentId);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
