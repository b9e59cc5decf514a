// A call of its own in national analysis, distinct from the demo's 2025 edition (which the demo seed
// publishes): seven dossiers in three regions, each region instructed and finalised by its cell
// through the regional commands. The national journey reviews, simulates, decides and publishes it.
import { changeCallPhase, createCall } from "@/lib/calls/mutations";
import { db } from "@/lib/db";
import type { TerritoryType } from "@/lib/generated/prisma/enums";
import { addDays, parisDate, parisEndOfDay, parisTimeToUtc } from "@/lib/time";
import { ptceCallInput } from "@/prisma/demo";
import { ensureActor, instructRegion, submitDemoDossier } from "@/prisma/demo-instruction";

import { NATIONAL_SCENARIO } from "./national-names";

const DOSSIERS: {
  regionCode: string;
  departementCode: string;
  territoryType: TerritoryType;
  euros: number;
  quality: number;
}[] = [
  { regionCode: "53", departementCode: "35", territoryType: "RURAL", euros: 60_000, quality: 4.6 },
  { regionCode: "53", departementCode: "29", territoryType: "URBAN", euros: 70_000, quality: 4.2 },
  { regionCode: "53", departementCode: "56", territoryType: "QPV", euros: 45_000, quality: 3.4 },
  { regionCode: "76", departementCode: "31", territoryType: "QPV", euros: 50_000, quality: 4.4 },
  { regionCode: "76", departementCode: "34", territoryType: "URBAN", euros: 65_000, quality: 3.9 },
  { regionCode: "32", departementCode: "59", territoryType: "RURAL", euros: 40_000, quality: 3.7 },
  { regionCode: "32", departementCode: "62", territoryType: "URBAN", euros: 55_000, quality: 2.0 },
];

const CELLS: Record<string, string> = {
  "53": "bretagne",
  "76": "occitanie",
  "32": "hauts-de-france",
};

export async function seedNationalScenario() {
  if (await db().call.findUnique({ where: { slug: NATIONAL_SCENARIO.slug } })) return;
  const admin = await ensureActor("admin@demo-ptce.fr", "Agnès Lefèvre", [
    { role: "ADMIN", regionCode: null },
  ]);
  const today = parisDate(new Date());
  const call = await createCall(admin, {
    ...ptceCallInput({
      slug: NATIONAL_SCENARIO.slug,
      // This year's: references (AMI<year>-<region>-<n>) are numbered per year and region by the product's
      // counter, so they cannot meet those of the other calls submitted through it, whatever their year.
      year: Number(today.slice(0, 4)),
      opensAt: parisTimeToUtc(addDays(today, -60), "09:00"),
      deadlineAt: parisEndOfDay(addDays(today, -30)),
      regionalDeadlineAt: parisEndOfDay(addDays(today, -5)),
      nationalDeadlineAt: parisEndOfDay(addDays(today, 20)),
      resultsAt: parisTimeToUtc(addDays(today, 25), "12:00"),
    }),
    title: NATIONAL_SCENARIO.title,
    envelopeCents: 200_000_00,
  });
  await changeCallPhase(admin, call.id, "OPEN");
  const quality = new Map<string, number>();
  for (const [i, d] of DOSSIERS.entries()) {
    const email = i === 0 ? NATIONAL_SCENARIO.applicant : `candidat.national${i + 1}@demo-ptce.fr`;
    const id = await submitDemoDossier(
      call.id,
      {
        index: 950 + i,
        email,
        applicantName: `Candidat national ${i + 1}`,
        departementCode: d.departementCode,
        territoryType: d.territoryType,
        amountCents: d.euros * 100,
      },
      parisTimeToUtc(addDays(today, -40 + i), "10:00"),
    );
    const { reference } = await db().application.findUniqueOrThrow({
      where: { id },
      select: { reference: true },
    });
    quality.set(reference!, d.quality);
  }
  await changeCallPhase(admin, call.id, "REGIONAL_REVIEW");
  for (const [regionCode, slug] of Object.entries(CELLS)) {
    const coordinator = await ensureActor(
      `coordination.${slug}@demo-ptce.fr`,
      `Coordination ${slug}`,
      [{ role: "CRA_COORDINATOR", regionCode }],
    );
    const evaluators = [
      await ensureActor(`evaluation1.${slug}@demo-ptce.fr`, `Évaluation 1 ${slug}`, [
        { role: "CRA_EVALUATOR", regionCode },
      ]),
      await ensureActor(`evaluation2.${slug}@demo-ptce.fr`, `Évaluation 2 ${slug}`, [
        { role: "CRA_EVALUATOR", regionCode },
      ]),
    ];
    await instructRegion(
      call.id,
      regionCode,
      { coordinator, evaluators },
      { quality: (r) => quality.get(r)!, finalize: true },
    );
  }
  await changeCallPhase(admin, call.id, "NATIONAL_REVIEW");
}
