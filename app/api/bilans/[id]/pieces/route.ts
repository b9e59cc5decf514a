import { sameSiteActor } from "@/lib/auth/session";
import { errorResponse, readUpload } from "@/lib/http";
import { addReportAttachment, MAX_REPORT_FILE_BYTES } from "@/lib/reports/mutations";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await sameSiteActor(request);
    const { file } = await readUpload(request, MAX_REPORT_FILE_BYTES);
    return Response.json(await addReportAttachment(actor, (await params).id, file), {
      status: 201,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
