import { apiPayments } from "@/lib/api/endpoints";
import { apiHandler } from "@/lib/api/http";

export const GET = apiHandler("payments:read", apiPayments);
