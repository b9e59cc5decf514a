import { apiApplications } from "@/lib/api/data";
import { apiHandler } from "@/lib/api/http";

export const GET = apiHandler("applications:read", apiApplications);
