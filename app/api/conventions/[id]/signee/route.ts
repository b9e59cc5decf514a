import { actorOrThrow, sameSiteActor } from "@/lib/auth/session";
import { readConventionFile } from "@/lib/conventions/data";
import { MAX_SIGNED_CONVENTION_BYTES, uploadSignedConvention } from "@/lib/conventions/mutations";
import { errorResponse, readUpload, storedFileDownload } from "@/lib/http";

type Context = { params: Promise<{ id: string }> };

/** The latest signed copy. */
export async function GET(_request: Request, { params }: Context) {
  try {
    const file = await readConventionFile(await actorOrThrow(), (await params).id, "signed");
    return storedFileDownload(file);
  } catch (error) {
    return errorResponse(error);
  }
}

/** The applicant uploads the signed copy (a route handler: server actions have a small body limit). */
export async function POST(request: Request, { params }: Context) {
  try {
    const actor = await sameSiteActor(request);
    const { file } = await readUpload(request, MAX_SIGNED_CONVENTION_BYTES);
    return Response.json(await uploadSignedConvention(actor, (await params).id, file), {
      status: 201,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
