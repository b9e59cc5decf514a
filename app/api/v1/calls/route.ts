import { apiCalls } from "@/lib/api/endpoints";
import { apiHandler } from "@/lib/api/http";

export const GET = apiHandler("calls:read", apiCalls);
