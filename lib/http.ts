import "server-only";
import { AppError, databaseFailureOr, type ErrorCode } from "@/lib/errors";

const STATUS: Record<ErrorCode, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** The JSON answer of a route handler for a failure: known codes in French, anything else generic. */
export function errorResponse(failure: unknown): Response {
  const error = databaseFailureOr(failure); // the database lost: « réessayez », 503
  if (error instanceof AppError) {
    const headers = error.code === "UNAVAILABLE" ? { "retry-after": "5" } : undefined;
    return Response.json(
      { code: error.code, message: error.message, fieldErrors: error.fieldErrors },
      { status: STATUS[error.code], headers },
    );
  }
  console.error(error);
  return Response.json(
    { code: "INTERNAL", message: "Une erreur inattendue est survenue. Réessayez dans un instant." },
    { status: 500 },
  );
}

/**
 * Refuses a request sent by another site (a forged form or script riding on the session cookie), for
 * every route handler that changes something; server actions have the framework's own check. Browsers
 * say where a request comes from in Sec-Fetch-Site, older ones in Origin only. A request with neither is
 * not a browser's, so no other site can have made it (the API's clients and the tests).
 */
export function refuseCrossSite(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site === "same-origin" || site === "none") return;
  const origin = request.headers.get("origin");
  if (site === null && (origin === null || sameHost(origin, request))) return;
  throw new AppError("FORBIDDEN", "Requête refusée : elle a été envoyée depuis un autre site.");
}

function sameHost(origin: string, request: Request): boolean {
  // The host the browser addressed, as Next.js compares it for server actions.
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return URL.canParse(origin) && new URL(origin).host === host;
}

/** RFC 6266 Content-Disposition with a UTF-8 file name. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * A generated document (PDF, ZIP) as a private download: never cached, saved under `fileName`.
 */
export function documentDownload(
  bytes: Uint8Array,
  fileName: string,
  contentType: string,
): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": attachmentDisposition(fileName),
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * A stored file (an upload, a kept copy) as a private download: its recorded type is sent with
 * `nosniff`, so a browser never reads it as anything else.
 */
export function storedFileDownload(file: {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Disposition": attachmentDisposition(file.fileName),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * Reads an upload form (a `file` and its `documentKindId`). A body announced larger than a file of
 * `maxBytes` (plus the form's envelope) is refused before it is read.
 */
export async function readUpload(request: Request, maxBytes: number) {
  const length = request.headers.get("content-length");
  // Without a declared length the body could be of any size: browsers always declare it for a form.
  if (length === null)
    throw new AppError("VALIDATION", "Envoi incomplet : réessayez depuis le formulaire.", {
      file: ["Envoi incomplet : réessayez depuis le formulaire."],
    });
  if (Number(length) > maxBytes + 64 * 1024) {
    const message = `Le fichier dépasse la taille maximale de ${maxBytes / 1024 / 1024} Mo.`;
    throw new AppError("VALIDATION", message, { file: [message] });
  }
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  const documentKindId = form?.get("documentKindId");
  if (!(file instanceof File) || typeof documentKindId !== "string")
    throw new AppError("VALIDATION", "Choisissez un fichier.", {
      file: ["Choisissez un fichier."],
    });
  return {
    documentKindId,
    file: { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) },
  };
}
