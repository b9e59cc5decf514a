// The 2025 edition's national stage, run through the national cell's commands as cna1@demo-ptce.fr:
// every dossier's regional values confirmed, the proposed list accepted, finalised and published
// (letters and e-mails), then the administrator moves the call to DECIDED. Does nothing unless every
// region with dossiers is finalised and no decision exists yet (so it is idempotent).
import type { Actor } from "@/lib/auth/policy";
import { changeCallPhase } from "@/lib/calls/mutations";
import { db } from "@/lib/db";
import { loadNationalDossiers } from "@/lib/national/data";
import { acceptSelection, finalizeDecisions, publishDecisions, reviewDossier } from "@/lib/national/mutations";
import { loadActor } from "@/lib/users/data";
import { CALL_2025 } from "./demo.ts";

export async function seedNationalDemo(admin: Actor, slug: string = CALL_2025.slug): Promise<void> {
  const call = await db().call.findUnique({ where: { slug }, select: { id: true, phase: true } });
  if (!call || call.phase !== "NATIONAL_REVIEW") return;
  if (await db().decision.count({ where: { callId: call.id } })) return;
  const active = await db().application.findMany({ where: { callId: call.id, submittedAt: { not: null }, status: { not: "WITHDRAWN" } }, distinct: ["regionCode"], select: { regionCode: true } });
  const finalized = new Set((await db().regionalReview.findMany({ where: { callId: call.id, status: "FINALIZED" }, select: { regionCode: true } })).map((r) => r.regionCode));
  if (!active.length || active.some((r) => !finalized.has(r.regionCode))) return;
  const dossiers = await loadNationalDossiers(db(), call.id);
  if (!dossiers.length) return;
  const user = await db().user.findUniqueOrThrow({ where: { email: "cna1@demo-ptce.fr" } });
  const cna = (await loadActor(user.id, user.sessionVersion))!;
  for (const d of dossiers) {
    await reviewDossier(cna, d.id, { score: d.regionalOpinion.consolidatedScore, amountCents: d.regionalOpinion.proposedAmountCents });
  }
  await acceptSelection(cna, call.id);
  await finalizeDecisions(cna, call.id);
  await publishDecisions(cna, call.id);
  await changeCallPhase(admin, call.id, "DECIDED");
}
