import { actorOrThrow, sameSiteActor } from "@/lib/auth/session";
import { errorResponse, storedFileDownload } from "@/lib/http";
import { readReportAttachment, removeReportAttachment } from "@/lib/reports/mutations";

type Context = { params: Promise<{ attachmentId: string }> };

export async function GET(_request: Request, { params }: Context) {
  try {
    const file = await readReportAttachment(await actorOrThrow(), (await params).attachmentId);
    return storedFileDownload(file);
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request, { params }: Context) {
  try {
    await removeReportAttachment(await sameSiteActor(request), (await params).attachmentId);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
