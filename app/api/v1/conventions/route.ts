import { apiConventions } from "@/lib/api/data";
import { apiHandler } from "@/lib/api/http";

export const GET = apiHandler("conventions:read", apiConventions);
