import { apiDecisions } from "@/lib/api/endpoints";
import { apiHandler } from "@/lib/api/http";

export const GET = apiHandler("decisions:read", apiDecisions);
