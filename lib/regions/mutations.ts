import "server-only";
import { db } from "@/lib/db";
import { REGIONS } from "@/lib/regions/catalog";

/** Writes the regions and départements of the catalogue (reference data; idempotent). */
export async function syncRegionCatalog(): Promise<void> {
  await db().$transaction(async (tx) => {
    for (const r of REGIONS) {
      const data = { slug: r.slug, name: r.name, overseas: r.overseas };
      await tx.region.upsert({
        where: { code: r.code },
        create: { code: r.code, ...data },
        update: data,
      });
      for (const d of r.departements) {
        const dep = { name: d.name, regionCode: r.code };
        await tx.departement.upsert({
          where: { code: d.code },
          create: { code: d.code, ...dep },
          update: dep,
        });
      }
    }
  });
}
