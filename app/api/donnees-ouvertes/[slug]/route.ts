import { AppError } from "@/lib/errors";
import { attachmentDisposition, errorResponse } from "@/lib/http";
import { getOpenDataRows } from "@/lib/publication/data";
import {
  SCDL_CONTENT_TYPES,
  SCDL_SCHEMA,
  scdlCsv,
  scdlFileName,
  scdlJson,
} from "@/lib/publication/scdl";
import { openDataRequest } from "@/lib/publication/schema";

// GET /api/donnees-ouvertes/{appel}?format=csv|json — the open data of the call's grants (SCDL subventions),
// public once the results are published (404 before, as for an unknown call).
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug, format } = openDataRequest(await params, new URL(request.url));
    const data = await getOpenDataRows(slug);
    if (!data) throw new AppError("NOT_FOUND");
    const body = format === "csv" ? scdlCsv(data.rows) : scdlJson(data.rows);
    return new Response(body, {
      headers: {
        "Content-Type": SCDL_CONTENT_TYPES[format],
        "Content-Disposition": attachmentDisposition(scdlFileName(data.slug, format)),
        // The schema the file follows, for the machines that read it.
        Link: `<${SCDL_SCHEMA.url}>; rel="describedby"`,
        "Cache-Control": "public, max-age=300",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
