// The 2025 edition replayed through the product: 79 dossiers over the regions (DOMAIN.md), each
// region's cell checks, assigns, scores, gives its opinions, ranks and finalises; the call then goes
// to the national analysis. Deterministic: the same dossiers, scores and opinions on every run.
import type { Actor } from "@/lib/auth/policy";
import { changeCallPhase, createCall } from "@/lib/calls/mutations";
import { db } from "@/lib/db";
import type { TerritoryType } from "@/lib/generated/prisma/enums";
import { REGIONS } from "@/lib/regions/catalog";
import { CALL_2025, DEMO_USERS } from "./demo.ts";
import {
  type DemoDossierSpec,
  ensureActor,
  instructRegion,
  random,
  submitDemoDossier,
} from "./demo-instruction.ts";

/** Dossiers per region in 2025 (79 in all). */
export const DOSSIERS_2025: Record<string, number> = {
  "11": 9,
  "84": 9,
  "76": 8,
  "75": 8,
  "93": 6,
  "32": 6,
  "44": 6,
  "52": 5,
  "53": 5,
  "28": 4,
  "27": 3,
  "24": 3,
  "94": 1,
  "01": 1,
  "02": 1,
  "03": 1,
  "04": 2,
  "06": 1,
};

const slug = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The cell of a region: the demo accounts where they exist (Bretagne, Occitanie, Hauts-de-France), else accounts made for the replay. */
async function cellOf(regionCode: string) {
  const region = REGIONS.find((r) => r.code === regionCode)!;
  const s = slug(region.name);
  const named = DEMO_USERS.filter((u) => u.roles.some((r) => r.regionCode === regionCode));
  const coordinator = named.find((u) => u.roles[0]!.role === "CRA_COORDINATOR");
  const evaluators = named.filter((u) => u.roles[0]!.role === "CRA_EVALUATOR");
  return {
    coordinator: await ensureActor(
      coordinator?.email ?? `coordination.${s}@demo-ptce.fr`,
      coordinator?.name ?? `Coordination ${region.name}`,
      [{ role: "CRA_COORDINATOR", regionCode }],
    ),
    evaluators: await Promise.all(
      [0, 1].map((i) =>
        ensureActor(
          evaluators[i]?.email ?? `evaluation${i + 1}.${s}@demo-ptce.fr`,
          evaluators[i]?.name ?? `Évaluation ${i + 1} ${region.name}`,
          [{ role: "CRA_EVALUATOR", regionCode }],
        ),
      ),
    ),
  };
}

/** Who applied: porteur3 and porteur4 (whose dossiers are among the best) and 77 other applicants. */
function specs(): (DemoDossierSpec & { quality: number })[] {
  const rand = random(2025);
  const out: (DemoDossierSpec & { quality: number })[] = [];
  let index = 0;
  for (const [regionCode, count] of Object.entries(DOSSIERS_2025)) {
    const departements = REGIONS.find((r) => r.code === regionCode)!.departements;
    for (let k = 0; k < count; k++, index++) {
      const territoryType: TerritoryType =
        index % 20 < 9 ? "RURAL" : index % 20 < 13 ? "QPV" : "URBAN";
      const named =
        regionCode === "53" && k === 0
          ? ["porteur3@demo-ptce.fr", "Élodie Marchand"]
          : regionCode === "76" && k === 0
            ? ["porteur4@demo-ptce.fr", "Bruno Caradec"]
            : null;
      out.push({
        index,
        email: named?.[0] ?? `candidat${String(index + 1).padStart(2, "0")}.2025@demo-ptce.fr`,
        applicantName: named?.[1] ?? `Candidat ${index + 1}`,
        departementCode: departements[k % departements.length]!.code,
        territoryType,
        // Requests of 45 000 € to 80 000 €, 62 500 € on average, as in the real edition's grants.
        amountCents: (45 + Math.floor(rand() * 36)) * 1000_00,
        quality: named ? 4.6 : 1.6 + rand() * 3,
      });
    }
  }
  return out;
}

/** Two dossiers found inadmissible, as happens in every edition. */
const INADMISSIBLE_INDEXES = [17, 55];

export async function ensureEdition2025(admin: Actor) {
  if (await db().call.findUnique({ where: { slug: CALL_2025.slug }, select: { id: true } })) return;
  const call = await createCall(admin, CALL_2025);
  await changeCallPhase(admin, call.id, "OPEN");
  const quality = new Map<string, number>();
  const inadmissible: string[] = [];
  for (const spec of specs()) {
    const at = new Date(new Date(CALL_2025.opensAt).getTime() + (spec.index + 1) * 9 * 3600_000);
    const id = await submitDemoDossier(call.id, spec, at);
    const { reference } = await db().application.findUniqueOrThrow({
      where: { id },
      select: { reference: true },
    });
    quality.set(reference!, spec.quality);
    if (INADMISSIBLE_INDEXES.includes(spec.index)) inadmissible.push(reference!);
  }
  await changeCallPhase(admin, call.id, "REGIONAL_REVIEW");
  for (const regionCode of Object.keys(DOSSIERS_2025)) {
    await instructRegion(call.id, regionCode, await cellOf(regionCode), {
      quality: (r) => quality.get(r)!,
      inadmissible,
      finalize: true,
    });
  }
  await changeCallPhase(admin, call.id, "NATIONAL_REVIEW");
}
