// A call of its own whose submissions closed two days ago, with one dossier submitted in Bretagne:
// the regional instruction journey checks, assigns, scores, ranks and finalises it.
import { changeCallPhase, createCall } from "@/lib/calls/mutations";
import { db } from "@/lib/db";
import { addDays, parisDate, parisEndOfDay, parisTimeToUtc } from "@/lib/time";
import { ptceCallInput } from "@/prisma/demo";
import { ensureActor, submitDemoDossier } from "@/prisma/demo-instruction";
import { REGIONAL_SCENARIO } from "./names";

export async function seedRegionalScenario() {
  if (await db().call.findUnique({ where: { slug: REGIONAL_SCENARIO.slug } })) return;
  const admin = await ensureActor("admin@demo-ptce.fr", "Agnès Lefèvre", [
    { role: "ADMIN", regionCode: null },
  ]);
  const today = parisDate(new Date());
  const call = await createCall(admin, {
    ...ptceCallInput({
      slug: REGIONAL_SCENARIO.slug,
      year: Number(today.slice(0, 4)),
      opensAt: parisTimeToUtc(addDays(today, -30), "09:00"),
      deadlineAt: parisEndOfDay(addDays(today, -2)),
      regionalDeadlineAt: parisEndOfDay(addDays(today, 20)),
      nationalDeadlineAt: parisEndOfDay(addDays(today, 40)),
      resultsAt: parisTimeToUtc(addDays(today, 50), "12:00"),
    }),
    title: REGIONAL_SCENARIO.title,
  });
  await changeCallPhase(admin, call.id, "OPEN");
  await submitDemoDossier(
    call.id,
    {
      index: 900,
      email: "candidat.instruction@demo-ptce.fr",
      applicantName: "Lina Morvan",
      departementCode: "29",
      territoryType: "RURAL",
      amountCents: 60_000_00,
    },
    parisTimeToUtc(addDays(today, -5), "10:00"),
  );
  await changeCallPhase(admin, call.id, "REGIONAL_REVIEW");
}
