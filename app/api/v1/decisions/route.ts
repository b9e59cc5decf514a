import { apiDecisions } from "@/lib/api/data";
import { apiHandler } from "@/lib/api/http";

export const GET = apiHandler("decisions:read", apiDecisions);
