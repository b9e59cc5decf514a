import { apiConventions } from "@/lib/api/endpoints";
import { apiHandler } from "@/lib/api/http";

export const GET = apiHandler("conventions:read", apiConventions);
