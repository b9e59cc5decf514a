import { apiApplications } from "@/lib/api/endpoints";
import { apiHandler } from "@/lib/api/http";

export const GET = apiHandler("applications:read", apiApplications);
