import { apiCalls } from "@/lib/api/data";
import { apiHandler } from "@/lib/api/http";

export const GET = apiHandler("calls:read", apiCalls);
