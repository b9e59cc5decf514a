import { AppError } from "@/lib/errors";
import { attachmentDisposition, errorResponse } from "@/lib/http";
import { getOpenDataRows } from "@/lib/publication/data";
import { SCDL_CONTENT_TYPES, SCDL_SCHEMA, scdlCsv, scdlFileName, scdlJson, type ScdlFormat } from "@/lib/publication/scdl";

// GET /api/donnees-ouvertes/{appel}?format=csv|json — the open data of the call's grants (SCDL subventions),
// public once the results are published (404 before, as for an unknown call).
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const format = new URL(request.url).searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "json") throw new AppError("VALIDATION", "Format inconnu : choisissez csv ou json.");
    const data = await getOpenDataRows((await params).slug);
    if (!data) throw new AppError("NOT_FOUND");
    const body = (format as ScdlFormat) === "csv" ? scdlCsv(data.rows) : scdlJson(data.rows);
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
