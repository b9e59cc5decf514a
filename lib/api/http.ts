import "server-only";
import type { ApiScope } from "@/lib/api/schema";
import { authenticateApiRequest } from "@/lib/api/tokens";
import type { Actor } from "@/lib/auth/policy";
import { AppError, unavailableOr } from "@/lib/errors";
import { errorResponse } from "@/lib/http";

/** A GET handler of the API: the token, its scope, then the resource; errors as JSON in French. */
export function apiHandler(scope: ApiScope, read: (actor: Actor, url: URL) => Promise<unknown>) {
  return async function GET(request: Request): Promise<Response> {
    try {
      const actor = await authenticateApiRequest(request, scope);
      return Response.json(await read(actor, new URL(request.url)), {
        headers: { "Cache-Control": "private, no-store" },
      });
    } catch (thrown) {
      // A lost database connection is a 503 the client may retry (a restart takes seconds), never an internal error.
      const error = unavailableOr(thrown);
      if (error instanceof AppError && error.code === "UNAVAILABLE") {
        return Response.json(
          { code: error.code, message: error.message },
          { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
        );
      }
      const response = errorResponse(error);
      if (error instanceof AppError && error.code === "UNAUTHORIZED")
        response.headers.set("WWW-Authenticate", 'Bearer realm="api"');
      if (error instanceof AppError && error.code === "RATE_LIMITED")
        response.headers.set("Retry-After", "60");
      return response;
    }
  };
}
