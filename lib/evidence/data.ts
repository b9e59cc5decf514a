import "server-only";
// Reads of the jury's evidence (the minutes and the pack), for the national cell only, once the decision list is
// finalised. Everything comes from the database — the decisions as finalised, the national reviews, the
// declarations of interests and the audit log up to the finalisation — so the same state gives the same files.
import { type Actor, assertCan } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Evidence, EvidenceDecision, LineEdit } from "@/lib/evidence/evidence";
import { buildPack } from "@/lib/evidence/pack";
import { callWithRules, rulesOf } from "@/lib/national/data";

type Json = Record<string, unknown> | null;
const asObject = (v: unknown): Json =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const outcomeOf = (v: unknown): EvidenceDecision["outcome"] | null =>
  v === "LAUREATE" || v === "RESERVE" || v === "NOT_RETAINED" ? v : null;
const intOrNull = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : null);

export const NOT_FINALIZED =
  "La liste des décisions n'est pas encore finalisée : le procès-verbal et les pièces du jury seront disponibles une fois la liste finalisée.";

/** The evidence of a call's national decision. CNA only (NOT_FOUND otherwise); INVALID_STATE before finalisation. */
export async function evidenceOf(actor: Actor, callId: string): Promise<Evidence> {
  assertCan(actor, "national.decide");
  const call = await callWithRules(db(), String(callId));
  if (!call.decisionsFinalizedAt) throw new AppError("INVALID_STATE", NOT_FINALIZED);
  const rows = await db().decision.findMany({
    where: { callId: call.id },
    orderBy: [{ meritRank: "asc" }, { applicationId: "asc" }],
    select: {
      applicationId: true,
      outcome: true,
      amountCents: true,
      reserveRank: true,
      score: true,
      meritRank: true,
      adjusted: true,
      passOverReason: true,
      application: {
        select: {
          reference: true,
          territoryType: true,
          regionCode: true,
          pole: { select: { name: true } },
          region: { select: { name: true } },
          regionalOpinion: {
            select: { opinion: true, consolidatedScore: true, proposedAmountCents: true },
          },
          nationalReview: {
            select: {
              score: true,
              amountCents: true,
              scoreJustification: true,
              amountJustification: true,
              reviewerId: true,
              reviewer: { select: { name: true } },
            },
          },
        },
      },
    },
  });
  const ids = rows.map((r) => r.applicationId);
  const reference = new Map(
    rows.map((r) => [r.applicationId, r.application.reference ?? r.applicationId]),
  );

  // The audit log of the national work on the call and its dossiers, up to the (last) finalisation.
  const events = await db().auditEvent.findMany({
    where: { action: { startsWith: "national." }, entityId: { in: [call.id, ...ids] } },
    orderBy: { id: "asc" },
    select: {
      at: true,
      action: true,
      entityId: true,
      before: true,
      after: true,
      actorId: true,
      actor: { select: { name: true } },
    },
  });
  const finalize = events.findLastIndex(
    (e) => e.action === "national.decisions.finalize" && e.entityId === call.id,
  );
  const cut = finalize === -1 ? events.length : finalize + 1;
  const upToFinal = events.slice(0, cut);
  // The departures from the rule exactly as the cell saw and justified them when it finalised the list.
  const finalized = asObject(events[finalize]?.after);
  const departures = Array.isArray(finalized?.departures)
    ? finalized.departures.filter((d): d is string => typeof d === "string")
    : [];
  const justification =
    typeof finalized?.justification === "string" ? finalized.justification : null;
  // The instant the finalisation was recorded (the list's date may be given by the caller, e.g. the commission's day).
  const recordedAt = events[finalize]?.at ?? call.decisionsFinalizedAt;
  const accepted = upToFinal.findLastIndex(
    (e) => e.action === "national.selection.accept" && e.entityId === call.id,
  );
  const lineEdits: LineEdit[] = upToFinal
    .slice(accepted + 1)
    .filter((e) => e.action === "national.decision.edit")
    .map((e) => {
      const line = (v: unknown) => {
        const o = asObject(v);
        return {
          outcome: outcomeOf(o?.outcome),
          amountCents: intOrNull(o?.amountCents),
          reserveRank: intOrNull(o?.reserveRank),
        };
      };
      return {
        reference: reference.get(e.entityId) ?? e.entityId,
        actor: e.actor?.name ?? "—",
        at: e.at,
        before: line(e.before),
        after: line(e.after),
      };
    });
  // A promotion after the finalisation changed a reserve line: the minutes give the list as it was finalised.
  const promoted = new Map<
    string,
    { outcome: EvidenceDecision["outcome"]; reserveRank: number | null }
  >();
  for (const e of events.slice(cut)) {
    if (e.action !== "national.promote") continue;
    const before = asObject(e.before);
    const outcome = outcomeOf(before?.outcome);
    if (outcome && !promoted.has(e.entityId))
      promoted.set(e.entityId, { outcome, reserveRank: intOrNull(before?.reserveRank) });
  }

  const decisions: EvidenceDecision[] = rows.map((r) => {
    const a = r.application;
    const asFinalised = promoted.get(r.applicationId);
    return {
      applicationId: r.applicationId,
      reference: reference.get(r.applicationId)!,
      pole: a.pole.name,
      region: a.region.name,
      territoryType: a.territoryType,
      score: r.score ?? a.nationalReview?.score ?? a.regionalOpinion?.consolidatedScore ?? null,
      meritRank: r.meritRank,
      outcome: asFinalised?.outcome ?? r.outcome,
      amountCents: r.amountCents,
      reserveRank: asFinalised ? asFinalised.reserveRank : r.reserveRank,
      adjusted: r.adjusted,
      passOverReason: r.passOverReason,
    };
  });

  // The selection's inputs: the national score and amount (the national review's, else the regional ones), as
  // `candidatesOf` gives them; ordered by reference. Not `loadNationalDossiers`: it reads the dossiers by their
  // current status, and a laureate who renounces later (WITHDRAWN) would leave the finalised list's inputs.
  const candidates = rows
    .filter((r) => r.application.regionalOpinion)
    .map((r) => {
      const a = r.application;
      const o = a.regionalOpinion!;
      const ref = reference.get(r.applicationId)!;
      return {
        id: r.applicationId,
        reference: ref,
        pole: a.pole.name,
        regionCode: a.regionCode,
        region: a.region.name,
        territoryType: a.territoryType,
        opinion: o.opinion,
        score: a.nationalReview?.score ?? o.consolidatedScore,
        amountCents: a.nationalReview?.amountCents ?? o.proposedAmountCents,
        tieBreak: ref,
      };
    })
    .sort((x, y) =>
      x.reference < y.reference ? -1 : x.reference > y.reference ? 1 : x.id < y.id ? -1 : 1,
    );

  const reviewOverrides = rows
    .filter((r) => r.application.nationalReview && r.application.regionalOpinion)
    .map((r) => {
      const n = r.application.nationalReview!;
      const o = r.application.regionalOpinion!;
      return {
        reference: reference.get(r.applicationId)!,
        reviewer: n.reviewer.name,
        regionalScore: o.consolidatedScore,
        nationalScore: n.score,
        scoreJustification: n.scoreJustification,
        regionalAmountCents: o.proposedAmountCents,
        nationalAmountCents: n.amountCents,
        amountJustification: n.amountJustification,
      };
    })
    .filter(
      (o) => o.nationalScore !== o.regionalScore || o.nationalAmountCents !== o.regionalAmountCents,
    )
    .sort((x, y) => (x.reference < y.reference ? -1 : 1));

  // Who sat: the authors of national actions up to the finalisation, the national reviewers, and the CNA members
  // who declared their interests on the call's dossiers.
  // Declarations are frozen with the list, as the audit log is: one made after the finalisation is not in the minutes.
  const declarations = await db().conflictDeclaration.findMany({
    where: { applicationId: { in: ids }, declaredAt: { lte: recordedAt } },
    orderBy: [{ declaredAt: "asc" }, { id: "asc" }],
    select: { userId: true, hasConflict: true, reason: true, applicationId: true },
  });
  const declarants = [...new Set(declarations.map((d) => d.userId))];
  const cnaDeclarants = new Set(
    (
      await db().roleAssignment.findMany({
        where: { userId: { in: declarants }, role: "CNA_MEMBER" },
        select: { userId: true },
      })
    ).map((r) => r.userId),
  );
  const reviewers = rows.flatMap((r) =>
    r.application.nationalReview ? [r.application.nationalReview.reviewerId] : [],
  );
  const sat = new Set([
    ...upToFinal.flatMap((e) => (e.actorId ? [e.actorId] : [])),
    ...reviewers,
    ...cnaDeclarants,
  ]);
  const users = await db().user.findMany({
    where: { id: { in: [...sat] } },
    select: { id: true, name: true },
  });
  const members = users
    .sort((a, b) => a.name.localeCompare(b.name, "fr") || (a.id < b.id ? -1 : 1))
    .map((u) => {
      const own = declarations.filter((d) => d.userId === u.id);
      return {
        name: u.name,
        reviews: reviewers.filter((id) => id === u.id).length,
        actions: upToFinal.filter((e) => e.actorId === u.id).length,
        conflicts: own
          .filter((d) => d.hasConflict)
          .map((d) => ({
            reference: reference.get(d.applicationId)!,
            reason: d.reason?.trim() ?? "",
          }))
          .sort((x, y) => (x.reference < y.reference ? -1 : 1)),
        withoutConflict: own.filter((d) => !d.hasConflict).length,
      };
    });

  return {
    call: {
      id: call.id,
      slug: call.slug,
      title: call.title,
      finalizedAt: call.decisionsFinalizedAt,
      adjustLastGrantAllowed: call.adjustLastGrant,
    },
    method: call.selectionMethod,
    rules: rulesOf(call),
    candidates,
    decisions,
    members,
    reviewOverrides,
    lineEdits,
    departures,
    justification,
  };
}

/** The minutes (PDF) of a call's national decision, with the same hashes as its evidence pack. */
export async function minutesOf(actor: Actor, callId: string) {
  const evidence = await evidenceOf(actor, callId);
  const { files } = await buildPack(evidence);
  return {
    pdf: files.find((f) => f.name === "proces-verbal.pdf")!.bytes,
    fileName: `pv-${evidence.call.slug}.pdf`,
  };
}

/** The evidence pack (ZIP) of a call's national decision. */
export async function evidencePackOf(actor: Actor, callId: string) {
  const evidence = await evidenceOf(actor, callId);
  const { zip, files } = await buildPack(evidence);
  return { zip, files, fileName: `pieces-du-jury-${evidence.call.slug}.zip` };
}
