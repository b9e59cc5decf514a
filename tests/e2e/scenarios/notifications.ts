// The e2e journey of the notification list (tests/e2e/notifications.spec.ts): porteur3's 2025 dossier has a
// published decision, whose letter and notifications come from a decision.letter job queued by the
// publication. The job is run here, before the server starts, so that the row is there when the journey
// begins (the worker later finds the letter and the notifications written and does nothing twice).
import { db } from "@/lib/db";
import { produceDecisionLetter } from "@/lib/national/mutations";
import { CALL_2025 } from "@/prisma/demo";

export const NOTIFICATIONS_APPLICANT = "porteur3@demo-ptce.fr";

export async function seedNotificationsScenario(): Promise<void> {
  const dossier = await db().application.findFirst({
    where: {
      owner: { email: NOTIFICATIONS_APPLICANT },
      call: { slug: CALL_2025.slug },
      decision: { publishedAt: { not: null } },
    },
    select: { id: true },
  });
  if (dossier) await produceDecisionLetter(dossier.id, "publication");
}
