// The 2025 edition's national stage, run through the national cell's commands: both members declare their
// interests on every dossier (cna2 declares one link), cna1 confirms every dossier's regional values, accepts
// the list in merit order with its adjusted last grant, finalises it on 16 December 2025 and publishes it on
// 18 December 2025 (letters and e-mails); then the administrator moves the call to DECIDED. Does nothing
// unless every region with dossiers is finalised and no decision exists yet (so it is idempotent).
import type { Actor } from "@/lib/auth/policy";
import { changeCallPhase } from "@/lib/calls/mutations";
import { db } from "@/lib/db";
import { loadNationalDossiers } from "@/lib/national/data";
import {
  acceptSelection,
  declareNationalInterest,
  finalizeDecisions,
  publishDecisions,
  reviewDossier,
} from "@/lib/national/mutations";
import { loadActor } from "@/lib/users/data";
import { CALL_2025, DATES_2025 } from "./demo.ts";

export async function seedNationalDemo(admin: Actor, slug: string = CALL_2025.slug): Promise<void> {
  const call = await db().call.findUnique({ where: { slug }, select: { id: true, phase: true } });
  if (call?.phase !== "NATIONAL_REVIEW") return;
  if (await db().decision.count({ where: { callId: call.id } })) return;
  const active = await db().application.findMany({
    where: { callId: call.id, submittedAt: { not: null }, status: { not: "WITHDRAWN" } },
    distinct: ["regionCode"],
    select: { regionCode: true },
  });
  const finalized = new Set(
    (
      await db().regionalReview.findMany({
        where: { callId: call.id, status: "FINALIZED" },
        select: { regionCode: true },
      })
    ).map((r) => r.regionCode),
  );
  if (!active.length || active.some((r) => !finalized.has(r.regionCode))) return;
  const dossiers = await loadNationalDossiers(db(), call.id);
  if (!dossiers.length) return;
  const user = await db().user.findUniqueOrThrow({ where: { email: "cna1@demo-ptce.fr" } });
  const cna = (await loadActor(user.id, user.sessionVersion))!;
  // The member declares their interests before reading each dossier (no link with the demo's poles).
  const declared = new Set(
    (
      await db().conflictDeclaration.findMany({
        where: { userId: cna.id },
        select: { applicationId: true },
      })
    ).map((c) => c.applicationId),
  );
  for (const d of dossiers) {
    if (!declared.has(d.id)) await declareNationalInterest(cna, d.id, { hasConflict: false });
    await reviewDossier(cna, d.id, {
      score: d.regionalOpinion.consolidatedScore,
      amountCents: d.regionalOpinion.proposedAmountCents,
    });
  }
  // The second member sat too: one link declared, with the first dossier of Brittany, whose content she does not read.
  const second = await db().user.findUniqueOrThrow({ where: { email: "cna2@demo-ptce.fr" } });
  const cna2 = (await loadActor(second.id, second.sessionVersion))!;
  const declaredBySecond = new Set(
    (
      await db().conflictDeclaration.findMany({
        where: { userId: cna2.id },
        select: { applicationId: true },
      })
    ).map((c) => c.applicationId),
  );
  for (const d of dossiers) {
    if (declaredBySecond.has(d.id)) continue;
    const conflict = d.reference === "AMI2025-BRE-001";
    await declareNationalInterest(
      cna2,
      d.id,
      conflict
        ? {
            hasConflict: true,
            reason: "Membre du conseil d'administration de la structure porteuse jusqu'en 2024.",
          }
        : { hasConflict: false },
    );
  }
  // The list in merit order; the envelope left goes to the first dossier that no longer fits, as the call allows.
  await acceptSelection(cna, call.id, { confirmAdjusted: true });
  await finalizeDecisions(cna, call.id, {}, DATES_2025.commission);
  await publishDecisions(cna, call.id, DATES_2025.results);
  await changeCallPhase(admin, call.id, "DECIDED");
}
