import { searchText } from "@/lib/validation";
import * as z from "@/lib/zod";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const text = searchText(200);

/** The search form of the audit log (GET parameters), read leniently: a bad value is ignored. */
export const auditFilterSchema = z.object({
  action: text,
  entity: text,
  actor: text,
  from: day,
  to: day,
});
