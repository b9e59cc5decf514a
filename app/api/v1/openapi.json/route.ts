import { OPENAPI_DOCUMENT } from "@/lib/api/openapi";

// The description of the API is public (it holds no data).
export function GET() {
  return Response.json(OPENAPI_DOCUMENT, { headers: { "Cache-Control": "public, max-age=300" } });
}
