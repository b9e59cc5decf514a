import { receiptOf } from "@/lib/applications/data";
import { actorOrThrow } from "@/lib/auth/session";
import { documentDownload, errorResponse } from "@/lib/http";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await actorOrThrow();
    const { pdf, fileName } = await receiptOf(actor, (await params).id);
    return documentDownload(pdf, fileName, "application/pdf");
  } catch (error) {
    return errorResponse(error);
  }
}
