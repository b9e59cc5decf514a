import { actorOrThrow } from "@/lib/auth/session";
import { documentDownload, errorResponse } from "@/lib/http";
import { decisionLetterOf } from "@/lib/national/data";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await actorOrThrow();
    const { pdf, fileName } = await decisionLetterOf(actor, (await params).id);
    return documentDownload(pdf, fileName, "application/pdf");
  } catch (error) {
    return errorResponse(error);
  }
}
