import { actorOrThrow } from "@/lib/auth/session";
import { readConventionFile } from "@/lib/conventions/data";
import { errorResponse, storedFileDownload } from "@/lib/http";

/** The convention's PDF as generated. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const file = await readConventionFile(await actorOrThrow(), (await params).id, "document");
    return storedFileDownload(file);
  } catch (error) {
    return errorResponse(error);
  }
}
