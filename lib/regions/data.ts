import "server-only";
import { db } from "@/lib/db";

export function listRegions() {
  return db().region.findMany({
    orderBy: { name: "asc" },
    select: { code: true, slug: true, name: true, overseas: true },
  });
}

export function regionsByCode(codes: string[]) {
  return db().region.findMany({
    where: { code: { in: codes } },
    orderBy: { name: "asc" },
    select: { code: true, name: true },
  });
}
