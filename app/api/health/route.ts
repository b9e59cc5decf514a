import { databaseHealth } from "@/lib/health";

// For load balancers: 200 when this instance reaches its database, 503 otherwise.
export async function GET() {
  const ok = await databaseHealth();
  return Response.json(
    { status: ok ? "ok" : "indisponible" },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
