import { apiPayments } from "@/lib/api/data";
import { apiHandler } from "@/lib/api/http";

export const GET = apiHandler("payments:read", apiPayments);
