import { addComplementDocument, MAX_ATTACHMENT_BYTES } from "@/lib/applications/mutations";
import { sameSiteActor } from "@/lib/auth/session";
import { errorResponse, readUpload } from "@/lib/http";

// A document answering a request for missing documents (pièces complémentaires).
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await sameSiteActor(request);
    const { documentKindId, file } = await readUpload(request, MAX_ATTACHMENT_BYTES);
    return Response.json(
      await addComplementDocument(actor, (await params).id, documentKindId, file),
      { status: 201 },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
