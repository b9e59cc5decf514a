import { addAttachment, MAX_ATTACHMENT_BYTES } from "@/lib/applications/attachments";
import { getActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";

// Uploads go through a route handler: server actions have a small body limit.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await getActor();
    if (!actor) throw new AppError("UNAUTHORIZED");
    const declared = Number(request.headers.get("content-length") ?? 0);
    const limitMo = MAX_ATTACHMENT_BYTES / 1024 / 1024;
    if (declared > MAX_ATTACHMENT_BYTES + 64 * 1024) throw new AppError("VALIDATION", `Le fichier dépasse la taille maximale de ${limitMo} Mo.`, { file: [`Le fichier dépasse la taille maximale de ${limitMo} Mo.`] });
    const form = await request.formData();
    const file = form.get("file");
    const kind = form.get("documentKindId");
    if (!(file instanceof File) || typeof kind !== "string") throw new AppError("VALIDATION", "Choisissez un fichier.", { file: ["Choisissez un fichier."] });
    const { id } = await params;
    const attachment = await addAttachment(actor, id, kind, { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
    return Response.json(attachment, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
