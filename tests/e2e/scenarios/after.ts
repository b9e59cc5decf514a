// The e2e scenario of issue 6: porteur4 (no dossier in the open call) is a published laureate of a
// call of its own in phase DECIDED, and the national cell has already prepared and sent the convention.
// Rows of the decision are written directly (the national decision belongs to issue 5).
import { createCall } from "@/lib/calls/mutations";
import { prepareConvention, sendConvention } from "@/lib/conventions/mutations";
import { db } from "@/lib/db";
import { runDueJobs } from "@/lib/jobs/worker";
import { parisEndOfDay, parisTimeToUtc } from "@/lib/time";
import { loadActor } from "@/lib/users/data";
import { ptceCallInput } from "../../../prisma/demo.ts";

import { AFTER_SCENARIO } from "./after-data.ts";

async function actorOf(email: string) {
  const user = await db().user.findUniqueOrThrow({ where: { email } });
  return (await loadActor(user.id, user.sessionVersion))!;
}

export async function seedAfterScenario(): Promise<void> {
  if (await db().call.findUnique({ where: { slug: AFTER_SCENARIO.callSlug } })) return;
  const admin = await actorOf("admin@demo-ptce.fr");
  const cna = await actorOf("cna1@demo-ptce.fr");
  const owner = await actorOf(AFTER_SCENARIO.email);
  const call = await createCall(
    admin,
    ptceCallInput({
      slug: AFTER_SCENARIO.callSlug,
      year: 2023,
      opensAt: parisTimeToUtc("2023-10-02", "09:00"),
      deadlineAt: parisEndOfDay("2023-11-02"),
      regionalDeadlineAt: parisEndOfDay("2023-11-16"),
      nationalDeadlineAt: parisEndOfDay("2023-11-28"),
      resultsAt: parisTimeToUtc("2023-11-30", "12:00"),
    }),
  );
  await db().call.update({
    where: { id: call.id },
    data: {
      phase: "DECIDED",
      decisionsFinalizedAt: new Date("2023-11-28T10:00:00Z"),
      resultsPublishedAt: new Date("2023-11-30T11:00:00Z"),
    },
  });
  const pole = await db().pole.create({
    data: {
      ownerId: owner.id,
      name: AFTER_SCENARIO.poleName,
      carrierName: "Association Rance en commun",
      siret: "73282932000074",
      legalForm: "ASSOCIATION",
      addressLine: "3 quai Talard",
      postalCode: "22100",
      city: "Dinan",
      departementCode: "22",
      regionCode: "53",
      territoryType: "RURAL",
      members: {
        create: [
          { name: "Scic Rance Réemploi", category: "ESS_ENTERPRISE", position: 0 },
          { name: "Chantier naval Lemoine", category: "OTHER_ENTERPRISE", position: 1 },
          { name: "Dinan Agglomération", category: "LOCAL_AUTHORITY", position: 2 },
        ],
      },
    },
  });
  const application = await db().application.create({
    data: {
      callId: call.id,
      poleId: pole.id,
      ownerId: owner.id,
      regionCode: "53",
      territoryType: "RURAL",
      reference: AFTER_SCENARIO.reference,
      status: "LAUREATE",
      title: "Ressourcerie maritime de la Rance",
      presentation: "Une ressourcerie du matériel nautique et un atelier partagé de réparation.",
      amountRequestedCents: 60_000_00,
      submittedAt: new Date("2023-10-30T10:00:00Z"),
      honourDeclaredAt: new Date("2023-10-30T10:00:00Z"),
      indicators: {
        create: [
          {
            label: "Matériel nautique réemployé",
            unit: "t",
            baseline: "0",
            targetYear1: "40",
            targetYear2: "90",
            position: 0,
          },
        ],
      },
      statusChanges: {
        create: [{ from: "REGIONAL_DONE", to: "LAUREATE", at: new Date("2023-11-30T11:00:00Z") }],
      },
    },
  });
  await db().decision.create({
    data: {
      applicationId: application.id,
      callId: call.id,
      outcome: "LAUREATE",
      amountCents: 60_000_00,
      decidedAt: new Date("2023-11-28T10:00:00Z"),
      publishedAt: new Date("2023-11-30T11:00:00Z"),
    },
  });
  const convention = await prepareConvention(cna, application.id);
  await runDueJobs(); // the convention's PDF, made by the job queue
  await sendConvention(cna, convention.id);
}
