import { readAttachment } from "@/lib/applications/data";
import { removeAttachment } from "@/lib/applications/mutations";
import { actorOrThrow } from "@/lib/auth/session";
import { attachmentDisposition, errorResponse } from "@/lib/http";

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context) {
  try {
    const actor = await actorOrThrow();
    const file = await readAttachment(actor, (await params).id);
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
    const actor = await actorOrThrow();
    await removeAttachment(actor, (await params).id);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
