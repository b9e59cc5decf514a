// Demo data after the decision (issue 6): for the 2025 call, once its laureate decisions are published
// and no convention exists yet, every laureate's convention goes through the product's commands as it
// happened in December 2025: prepared, sent, signed by the pole, countersigned, first tranche paid. Does nothing without a published laureate.

import {
  countersignConvention,
  prepareConventions,
  sendConvention,
  uploadSignedConvention,
} from "@/lib/conventions/mutations";
import { db } from "@/lib/db";
import { runDueJobs } from "@/lib/jobs/worker";
import { recordPayment } from "@/lib/payments/mutations";
import { parisDate } from "@/lib/time";
import { loadActor } from "@/lib/users/data";
import { CALL_2025, DATES_2025, DEMO_PDF } from "./demo.ts";

export async function seedAfterDemo(): Promise<void> {
  const call = await db().call.findUnique({
    where: { slug: CALL_2025.slug },
    include: { tranches: { orderBy: { position: "asc" } } },
  });
  if (!call) return;
  const published = await db().decision.count({
    where: { callId: call.id, outcome: "LAUREATE", publishedAt: { not: null } },
  });
  if (published === 0) return;
  if (await db().convention.count({ where: { application: { callId: call.id } } })) return;
  const cnaUser = await db().user.findUniqueOrThrow({ where: { email: "cna1@demo-ptce.fr" } });
  const cna = (await loadActor(cnaUser.id, cnaUser.sessionVersion))!;
  await prepareConventions(cna, call.id, DATES_2025.results);
  await runDueJobs(); // their PDFs, made by the job queue
  const conventions = await db().convention.findMany({
    where: { application: { callId: call.id } },
    orderBy: { number: "asc" },
    include: { application: { select: { owner: { select: { id: true, sessionVersion: true } } } } },
  });
  const first = call.tranches[0];
  for (const c of conventions) {
    await sendConvention(cna, c.id, DATES_2025.conventionsSent);
    const owner = (await loadActor(c.application.owner.id, c.application.owner.sessionVersion))!;
    await uploadSignedConvention(
      owner,
      c.id,
      { name: `Convention ${c.number} signée.pdf`, bytes: DEMO_PDF },
      DATES_2025.signedByPoles,
    );
    await countersignConvention(cna, c.id, DATES_2025.countersigned);
    if (first) {
      const amountCents = Math.floor((c.amountCents * first.shareBps) / 10_000);
      await recordPayment(
        cna,
        c.id,
        {
          trancheId: first.id,
          amountCents,
          paidOn: parisDate(DATES_2025.firstPayment),
          accountingReference: `DEMO-${c.number}-1`,
        },
        DATES_2025.firstPayment,
      );
    }
  }
  console.log(
    `Conventions de démonstration : ${conventions.length} signées et payées (première tranche).`,
  );
}
