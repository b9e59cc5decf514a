import { readAttachment } from "@/lib/applications/data";
import { removeAttachment } from "@/lib/applications/mutations";
import { actorOrThrow, sameSiteActor } from "@/lib/auth/session";
import { errorResponse, storedFileDownload } from "@/lib/http";

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context) {
  try {
    const actor = await actorOrThrow();
    const file = await readAttachment(actor, (await params).id);
    return storedFileDownload(file);
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request, { params }: Context) {
  try {
    const actor = await sameSiteActor(request);
    await removeAttachment(actor, (await params).id);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
