// The e2e scenario of the delivery log: in the demo's published 2025 call, the decision e-mail of one dossier
// (an applicant of the demo without co-editor) failed after its twelve attempts, the SMTP server having been
// unreachable. Its letter and notification are written by the product's own job function first, then the row
// is marked as the worker leaves a failure; the queued delivery then finds it failed and sends nothing.
import { db } from "@/lib/db";
import { produceDecisionLetter } from "@/lib/national/mutations";
import { notificationKey } from "@/lib/notifications/outbox";

import { DELIVERIES_SCENARIO } from "./deliveries-data.ts";

export async function seedDeliveriesScenario(): Promise<void> {
  const call = await db().call.findUnique({
    where: { slug: DELIVERIES_SCENARIO.callSlug },
    select: { id: true, resultsPublishedAt: true },
  });
  if (!call?.resultsPublishedAt) return;
  const decision = await db().decision.findFirst({
    where: {
      callId: call.id,
      publishedAt: { not: null },
      application: { owner: { email: { startsWith: "candidat" } }, collaborators: { none: {} } },
    },
    orderBy: { application: { reference: "asc" } },
    select: {
      applicationId: true,
      application: { select: { owner: { select: { email: true } } } },
    },
  });
  if (!decision)
    throw new Error(
      "Scénario des envois : aucune décision publiée d'un candidat de démonstration dans l'appel 2025.",
    );
  // Its letter and notification, unless the queue already wrote them (it then does nothing).
  await produceDecisionLetter(decision.applicationId, "publication");
  await db().notification.update({
    where: {
      key: notificationKey(
        `decision.published:${decision.applicationId}`,
        decision.application.owner.email,
      ),
    },
    data: {
      emailStatus: "FAILED",
      attempts: DELIVERIES_SCENARIO.attempts,
      lastError: DELIVERIES_SCENARIO.lastError,
      lastAttemptAt: new Date(),
      sentAt: null,
      smtpResponse: null,
    },
  });
}
