import "server-only";
// Writes of the national consolidation: second-level analysis, the decision list (draft, finalised,
// published), laureates' withdrawals and reserve promotions. Each in a transaction with its audit event;
// e-mails after the commit.
import { randomUUID } from "node:crypto";
import { applicationFacts } from "@/lib/applications/data";
import { assertTransition } from "@/lib/applications/status";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, type ApplicationFacts, assertCan, can } from "@/lib/auth/policy";
import { db, type Tx } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDateTime, formatEuros } from "@/lib/format";
import type { ApplicationStatus, DecisionOutcome } from "@/lib/generated/prisma/enums";
import { enqueue } from "@/lib/jobs/queue";
import { decisionMail, promotionMail } from "@/lib/mail/national-templates";
import {
  allowedSelections,
  type CallWithRules,
  callWithRules,
  candidatesOf,
  decisionDetails,
  loadNationalDossiers,
  proposeReservePromotion,
  rulesOf,
} from "@/lib/national/data";
import { decisionLinesOf, decisionProblems, departuresFrom } from "@/lib/national/decision-rules";
import { OUTCOME_LABELS, reasonText } from "@/lib/national/labels";
import { type DecisionDetails, decisionLetterPdf, type LetterInput } from "@/lib/national/letters";
import { draftReasons } from "@/lib/national/reasons";
import {
  acceptSelectionSchema,
  DEPARTURE_JUSTIFICATION_MIN,
  decisionEditSchema,
  finalizeDecisionsSchema,
  nationalInterestSchema,
  nationalReviewSchema,
  reasonsSchema,
  renounceSchema,
} from "@/lib/national/schema";
import { compareRank, type SelectionResult } from "@/lib/national/selection";
import { notify } from "@/lib/notifications/outbox";
import { applicantEmails } from "@/lib/notifications/recipients";
import { storage } from "@/lib/storage/storage";
import { parseInput } from "@/lib/validation";

export { proposeReservePromotion };

const lockCall = (tx: Tx, callId: string) =>
  tx.$queryRaw`SELECT id FROM "Call" WHERE id = ${callId} FOR UPDATE`;

/** The call, locked, in national analysis, with its decision list not yet finalised (to accept or finalise it). */
async function lockedOpenList(tx: Tx, callId: string) {
  await lockCall(tx, callId);
  const call = await callWithRules(tx, callId);
  if (call.phase !== "NATIONAL_REVIEW")
    throw new AppError("INVALID_STATE", "L'appel n'est pas en phase d'analyse nationale.");
  if (call.decisionsFinalizedAt)
    throw new AppError("INVALID_STATE", "La liste des décisions est déjà finalisée.");
  return call;
}

// ───────────────────────── Second-level analysis ─────────────────────────

/** The national cell confirms or adjusts a dossier's score and amount; a change needs its justification. */
export async function reviewDossier(actor: Actor, applicationId: string, input: unknown) {
  const facts = await applicationFacts(String(applicationId));
  assertCan(actor, "national.review", facts);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Application" WHERE id = ${applicationId} FOR UPDATE`;
    const a = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { callId: true, regionalOpinion: true, nationalReview: true },
    });
    if (!a.regionalOpinion) throw new AppError("NOT_FOUND");
    const call = await callWithRules(tx, a.callId);
    if (call.decisionsFinalizedAt)
      throw new AppError(
        "INVALID_STATE",
        "La liste des décisions est finalisée : l'analyse nationale ne peut plus changer.",
      );
    const regional = {
      score: a.regionalOpinion.consolidatedScore,
      amountCents: a.regionalOpinion.proposedAmountCents,
    };
    const v = parseInput(
      nationalReviewSchema(regional, {
        minCents: call.minGrantCents,
        maxCents: call.maxGrantCents,
      }),
      input,
    );
    const data = {
      score: v.score,
      amountCents: v.amountCents,
      scoreJustification: v.score === regional.score ? null : v.scoreJustification,
      amountJustification: v.amountCents === regional.amountCents ? null : v.amountJustification,
      reviewerId: actor.id,
    };
    const before = a.nationalReview
      ? {
          score: a.nationalReview.score,
          amountCents: a.nationalReview.amountCents,
          scoreJustification: a.nationalReview.scoreJustification,
          amountJustification: a.nationalReview.amountJustification,
        }
      : { ...regional, regional: true };
    await tx.nationalReview.upsert({
      where: { applicationId },
      create: { applicationId, ...data },
      update: data,
    });
    const adjusted = v.score !== regional.score || v.amountCents !== regional.amountCents;
    await recordAudit(tx, {
      actorId: actor.id,
      action: adjusted ? "national.review.adjust" : "national.review.confirm",
      entityType: "NationalReview",
      entityId: applicationId,
      before,
      after: {
        score: data.score,
        amountCents: data.amountCents,
        scoreJustification: data.scoreJustification,
        amountJustification: data.amountJustification,
      },
    });
    return { adjusted };
  });
}

// ───────────────────────── Decision list ─────────────────────────

/**
 * Accepts the proposed list (the call's method): writes the decision draft — laureates, the ordered reserve
 * list, the others not retained, each with its pass-over reason and drafted reasons. An adjusted last grant
 * enters the draft only when the cell confirms it; otherwise the list without the adjustment is written.
 */
export async function acceptSelection(actor: Actor, callId: string, input: unknown = {}) {
  assertCan(actor, "national.decide");
  const { confirmAdjusted } = parseInput(acceptSelectionSchema, input);
  return db().$transaction(
    async (tx) => {
      const call = await lockedOpenList(tx, String(callId));
      const rows = await loadNationalDossiers(tx, call.id);
      if (!rows.length)
        throw new AppError(
          "INVALID_STATE",
          "Aucun dossier n'a encore été transmis par une région finalisée.",
        );
      const [official, withoutAdjustment] = allowedSelections(call, rows);
      const result = confirmAdjusted || !withoutAdjustment ? official! : withoutAdjustment;
      const byId = new Map(rows.map((r) => [r.id, r]));
      const lines: {
        applicationId: string;
        outcome: DecisionOutcome;
        amountCents: number | null;
        reserveRank: number | null;
        adjusted: boolean;
        passOverReason: string | null;
        reasons: string;
      }[] = [];
      const line = (
        id: string,
        outcome: DecisionOutcome,
        amountCents: number | null,
        reserveRank: number | null,
        passOverReason: string | null,
        adjusted = false,
      ) => {
        const r = byId.get(id)!;
        lines.push({
          applicationId: id,
          outcome,
          amountCents,
          reserveRank,
          adjusted,
          passOverReason,
          reasons: draftReasons({
            outcome,
            amountCents,
            reserveRank,
            regionalMotivation: r.regionalOpinion.motivation,
          }),
        });
      };
      for (const l of result.laureates)
        line(l.id, "LAUREATE", l.amountCents, null, null, l.adjusted);
      for (const [i, r] of result.reserve.entries())
        line(r.id, "RESERVE", r.amountCents, i + 1, reasonText(r.reason));
      for (const n of result.notRetained)
        line(n.id, "NOT_RETAINED", null, null, reasonText(n.reason));
      await tx.decision.deleteMany({ where: { callId: call.id } });
      await tx.decision.createMany({ data: lines.map((l) => ({ ...l, callId: call.id })) });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "national.selection.accept",
        entityType: "Call",
        entityId: call.id,
        after: {
          method: result.method,
          laureates: result.laureates.map((l) => byId.get(l.id)!.reference),
          adjusted: result.laureates
            .filter((l) => l.adjusted)
            .map((l) => ({
              reference: byId.get(l.id)!.reference,
              requestedCents: l.requestedCents,
              amountCents: l.amountCents,
            })),
          reserve: result.reserve.map((l) => byId.get(l.id)!.reference),
          notRetained: result.notRetained.map((l) => byId.get(l.id)!.reference),
          totalAmountCents: result.totalAmountCents,
          totalScore: result.totalScore,
        },
      });
      return {
        laureates: result.laureates.length,
        reserve: result.reserve.length,
        notRetained: result.notRetained.length,
      };
    },
    { timeout: 30_000 },
  );
}

/** Edits one line of the draft list; once finalised, only the reasons change (until publication). */
export async function updateDecision(actor: Actor, applicationId: string, input: unknown) {
  const facts = await applicationFacts(String(applicationId));
  assertCan(actor, "national.decide", facts);
  return db().$transaction(async (tx) => {
    const current = await tx.decision.findUnique({ where: { applicationId } });
    if (!current)
      throw new AppError(
        "NOT_FOUND",
        "Aucune décision en projet pour ce dossier : acceptez d'abord la liste proposée.",
      );
    await lockCall(tx, current.callId);
    const call = await callWithRules(tx, current.callId);
    if (call.resultsPublishedAt)
      throw new AppError(
        "INVALID_STATE",
        "Les résultats sont publiés : la décision ne peut plus changer.",
      );
    const before = {
      outcome: current.outcome,
      amountCents: current.amountCents,
      reserveRank: current.reserveRank,
      reasons: current.reasons,
    };
    if (call.decisionsFinalizedAt) {
      const { reasons } = parseInput(reasonsSchema, input);
      const raw =
        typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
      const changed = (key: "outcome" | "amountCents" | "reserveRank") =>
        raw[key] !== undefined && raw[key] !== current[key];
      if (changed("outcome") || changed("amountCents") || changed("reserveRank")) {
        throw new AppError(
          "INVALID_STATE",
          "La liste est finalisée : seuls les motifs peuvent encore être modifiés avant la publication.",
        );
      }
      await tx.decision.update({ where: { applicationId }, data: { reasons } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "national.decision.reasons",
        entityType: "Decision",
        entityId: applicationId,
        before: { reasons: current.reasons },
        after: { reasons },
      });
      return;
    }
    const v = parseInput(decisionEditSchema, input);
    const amountCents = v.outcome === "NOT_RETAINED" ? null : v.amountCents;
    // The reserve list stays one order 1..k: the edited line goes at its rank, the others follow.
    const reserve = (
      await tx.decision.findMany({
        where: { callId: call.id, outcome: "RESERVE", applicationId: { not: applicationId } },
        orderBy: [{ reserveRank: "asc" }, { applicationId: "asc" }],
        select: { applicationId: true },
      })
    ).map((d) => d.applicationId);
    if (v.outcome === "RESERVE")
      reserve.splice(Math.min(v.reserveRank! - 1, reserve.length), 0, applicationId);
    await tx.decision.updateMany({ where: { callId: call.id }, data: { reserveRank: null } });
    // An edited line keeps its pass-over reason only while it is not funded, its adjustment only while unchanged.
    const adjusted =
      current.adjusted && v.outcome === "LAUREATE" && amountCents === current.amountCents;
    const passOverReason = v.outcome === "LAUREATE" ? null : current.passOverReason;
    await tx.decision.update({
      where: { applicationId },
      data: {
        outcome: v.outcome,
        amountCents,
        reasons: v.reasons,
        adjusted,
        passOverReason,
        decidedAt: new Date(),
      },
    });
    for (const [i, id] of reserve.entries())
      await tx.decision.update({ where: { applicationId: id }, data: { reserveRank: i + 1 } });
    const after = await tx.decision.findUniqueOrThrow({
      where: { applicationId },
      select: { outcome: true, amountCents: true, reserveRank: true, reasons: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "national.decision.edit",
      entityType: "Decision",
      entityId: applicationId,
      before,
      after,
    });
  });
}

/** The current lines, what prevents finalising them, and how they depart from the call's rule. */
async function listProblems(tx: Tx, call: CallWithRules) {
  const rows = await loadNationalDossiers(tx, call.id);
  const decisions = await tx.decision.findMany({
    where: { callId: call.id },
    select: { applicationId: true },
  });
  const national = new Set(rows.map((r) => r.id));
  const stale = decisions.filter((d) => !national.has(d.applicationId)).length;
  const missing = rows.filter((r) => !r.decision).map((r) => r.reference);
  const lines = decisionLinesOf(rows);
  const problems = decisionProblems(lines, rulesOf(call), missing);
  if (stale)
    problems.unshift(
      `${stale} décision${stale > 1 ? "s portent" : " porte"} sur un dossier qui n'est plus à l'analyse nationale (région rouverte) : acceptez à nouveau la liste proposée.`,
    );
  return { problems, lines, rows, ...departuresFrom(lines, allowedSelections(call, rows)) };
}

/** Why each dossier the rule's list leaves out is not funded, as the letters will say it. */
function passOverReasons(rule: SelectionResult | null): Map<string, string> {
  return new Map(
    [...(rule?.reserve ?? []), ...(rule?.notRetained ?? [])].map((l) => [
      l.id,
      reasonText(l.reason),
    ]),
  );
}

/**
 * Finalises the list: refused over the envelope, outside the bounds, with a priority unmet, or incomplete;
 * a list that departs from the call's rule (merit order) needs its written justification. The national score
 * and the place in the national ranking of every dossier are frozen on its decision.
 */
export async function finalizeDecisions(
  actor: Actor,
  callId: string,
  input: unknown = {},
  now = new Date(),
) {
  assertCan(actor, "national.decide");
  const { justification } = parseInput(finalizeDecisionsSchema, input);
  return db().$transaction(
    async (tx) => {
      const call = await lockedOpenList(tx, String(callId));
      const { problems, lines, rows, departures, rule } = await listProblems(tx, call);
      if (!lines.length)
        throw new AppError(
          "INVALID_STATE",
          "Aucune décision en projet : acceptez d'abord la liste proposée.",
        );
      if (problems.length)
        throw new AppError(
          "VALIDATION",
          `La liste ne peut pas être finalisée : ${problems.join(" ")}`,
          { _form: problems },
        );
      const texts = departures.map((d) => d.text);
      if (departures.length) {
        // Whoever declared a conflict with a dossier takes no part in a departure that concerns it.
        const concerned = new Set(departures.flatMap((d) => d.applicationIds));
        const conflicts = await tx.conflictDeclaration.findMany({
          where: { userId: actor.id, hasConflict: true, applicationId: { in: [...concerned] } },
          select: { application: { select: { reference: true } } },
        });
        if (conflicts.length) {
          throw new AppError(
            "INVALID_STATE",
            `Vous avez déclaré un conflit d'intérêts avec ${conflicts.map((c) => c.application.reference).join(", ")}, concerné par l'écart à la règle de l'appel : un autre membre de la cellule doit le justifier et finaliser la liste.`,
          );
        }
        if (justification.length < DEPARTURE_JUSTIFICATION_MIN) {
          const message = `La liste s'écarte de la règle de sélection de l'appel : ${texts.join(" ")} Justifiez cet écart par écrit (${DEPARTURE_JUSTIFICATION_MIN} caractères au moins).`;
          throw new AppError("VALIDATION", message, { justification: [message] });
        }
      }
      // Frozen on every decision: the national score, the place in the national ranking and, for a dossier
      // not funded, why the rule's list leaves it out (as computed now, on the final inputs).
      const reasons = passOverReasons(rule);
      const outcome = new Map(lines.map((l) => [l.applicationId, l.outcome]));
      const ranking = [...candidatesOf(rows)].sort(compareRank);
      // One statement for every decision of the call (thousands at national scale), not one update each.
      await tx.$executeRaw`
        UPDATE "Decision" d SET score = v.score, "meritRank" = v.rank, "passOverReason" = v.reason
        FROM unnest(${ranking.map((c) => c.id)}::text[], ${ranking.map((c) => c.score)}::int[], ${ranking.map((_, i) => i + 1)}::int[],
                    ${ranking.map((c) => (outcome.get(c.id) === "LAUREATE" ? null : (reasons.get(c.id) ?? null)))}::text[]) AS v(id, score, rank, reason)
        WHERE d."applicationId" = v.id`;
      await tx.call.update({
        where: { id: call.id },
        data: {
          decisionsFinalizedAt: now,
          decisionsJustification: departures.length ? justification : null,
        },
      });
      const laureates = lines.filter((l) => l.outcome === "LAUREATE");
      await recordAudit(tx, {
        actorId: actor.id,
        action: "national.decisions.finalize",
        entityType: "Call",
        entityId: call.id,
        after: {
          laureates: laureates.length,
          totalAmountCents: laureates.reduce((s, l) => s + (l.amountCents ?? 0), 0),
          reserve: lines.filter((l) => l.outcome === "RESERVE").length,
          departures: texts,
          justification: departures.length ? justification : null,
        },
      });
    },
    { timeout: 30_000 },
  );
}

/** Reopens a finalised list for edits, before publication only. */
export async function reopenDecisions(actor: Actor, callId: string) {
  assertCan(actor, "national.decide");
  await db().$transaction(async (tx) => {
    await lockCall(tx, String(callId));
    const call = await callWithRules(tx, String(callId));
    if (call.resultsPublishedAt)
      throw new AppError(
        "INVALID_STATE",
        "Les résultats sont publiés : la liste ne peut plus être rouverte.",
      );
    if (!call.decisionsFinalizedAt)
      throw new AppError("INVALID_STATE", "La liste n'est pas finalisée.");
    await tx.call.update({ where: { id: call.id }, data: { decisionsFinalizedAt: null } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "national.decisions.reopen",
      entityType: "Call",
      entityId: call.id,
      before: { decisionsFinalizedAt: call.decisionsFinalizedAt },
      after: { decisionsFinalizedAt: null },
    });
  });
}

// ───────────────────────── Publication ─────────────────────────

const LETTER_SELECT = {
  applicationId: true,
  outcome: true,
  amountCents: true,
  reserveRank: true,
  reasons: true,
  application: {
    select: {
      reference: true,
      status: true,
      pole: {
        select: { name: true, carrierName: true, addressLine: true, postalCode: true, city: true },
      },
    },
  },
} as const;
type LetterRow = {
  applicationId: string;
  outcome: DecisionOutcome;
  amountCents: number | null;
  reserveRank: number | null;
  reasons: string;
  application: {
    reference: string | null;
    pole: {
      name: string;
      carrierName: string;
      addressLine: string;
      postalCode: string;
      city: string;
    };
  };
};

function letterInput(
  d: LetterRow,
  callTitle: string,
  at: Date,
  details: DecisionDetails,
): LetterInput {
  const p = d.application.pole;
  return {
    ...details,
    reference: d.application.reference ?? d.applicationId,
    callTitle,
    poleName: p.name,
    carrierName: p.carrierName,
    addressLines: [p.addressLine, `${p.postalCode} ${p.city}`],
    outcome: d.outcome,
    amountCents: d.amountCents,
    reserveRank: d.reserveRank,
    reasons: d.reasons,
    publishedAt: at,
  };
}

const OUTCOME_STATUS: Record<DecisionOutcome, ApplicationStatus> = {
  LAUREATE: "LAUREATE",
  RESERVE: "RESERVE",
  NOT_RETAINED: "NOT_RETAINED",
};

/**
 * Publishes the finalised list, once: the dossiers take their final status and, in the same transaction, a
 * job per decision is queued that writes its letter and tells its applicants (owner and co-editors) in the
 * product and by e-mail (`produceDecisionLetter`). The decision page follows the deliveries.
 */
export async function publishDecisions(actor: Actor, callId: string, now = new Date()) {
  assertCan(actor, "national.publish");
  const call = await callWithRules(db(), String(callId));
  const alreadyPublished = () =>
    new AppError(
      "INVALID_STATE",
      `Les résultats de cet appel ont déjà été publiés${call.resultsPublishedAt ? ` (le ${formatDateTime(call.resultsPublishedAt)})` : ""}.`,
    );
  if (call.resultsPublishedAt) throw alreadyPublished();
  if (!call.decisionsFinalizedAt)
    throw new AppError("INVALID_STATE", "Finalisez d'abord la liste des décisions.");
  if (!call.grantorName.trim()) {
    throw new AppError(
      "INVALID_STATE",
      "Renseignez d'abord l'autorité attribuante de l'appel (administration des appels) : elle prend les décisions et reçoit les recours gracieux.",
    );
  }
  const decisions = await db().decision.findMany({
    where: { callId: call.id },
    orderBy: { applicationId: "asc" },
    select: { applicationId: true, outcome: true },
  });
  await db().$transaction(
    async (tx) => {
      await lockCall(tx, call.id);
      const fresh = await tx.call.findUniqueOrThrow({
        where: { id: call.id },
        select: { resultsPublishedAt: true, decisionsFinalizedAt: true },
      });
      if (fresh.resultsPublishedAt) throw alreadyPublished();
      if (!fresh.decisionsFinalizedAt)
        throw new AppError("INVALID_STATE", "Finalisez d'abord la liste des décisions.");
      await tx.decision.updateMany({ where: { callId: call.id }, data: { publishedAt: now } });
      for (const outcome of Object.keys(OUTCOME_STATUS) as DecisionOutcome[]) {
        const ids = decisions.filter((d) => d.outcome === outcome).map((d) => d.applicationId);
        assertTransition("REGIONAL_DONE", OUTCOME_STATUS[outcome]);
        const moved = await tx.application.updateMany({
          where: { id: { in: ids }, status: "REGIONAL_DONE" },
          data: { status: OUTCOME_STATUS[outcome] },
        });
        if (moved.count !== ids.length)
          throw new AppError(
            "CONFLICT",
            "Un dossier de la liste a changé de statut entre-temps : rechargez la page.",
          );
      }
      await tx.statusChange.createMany({
        data: decisions.map((d) => ({
          applicationId: d.applicationId,
          from: "REGIONAL_DONE" as const,
          to: OUTCOME_STATUS[d.outcome],
          actorId: actor.id,
          at: now,
        })),
      });
      await tx.call.update({ where: { id: call.id }, data: { resultsPublishedAt: now } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "national.publish",
        entityType: "Call",
        entityId: call.id,
        after: {
          publishedAt: now.toISOString(),
          decisions: decisions.length,
          laureates: decisions.filter((d) => d.outcome === "LAUREATE").length,
        },
      });
      await enqueue(
        tx,
        "decision.letter",
        decisions.map((d) => ({
          payload: { applicationId: d.applicationId, event: "publication" as const },
          key: `decision.letter:${d.applicationId}`,
        })),
      );
    },
    { timeout: 60_000 },
  );
  return { decisions: decisions.length };
}

/**
 * The job queued by the publication (and by a promotion): writes the decision's letter, then, in one
 * transaction, records it and notifies the applicants with the letter attached. Run again (a retry, a
 * crash), it finds the letter and the notifications there and does nothing twice.
 */
export async function produceDecisionLetter(
  applicationId: string,
  event: "publication" | "promotion",
): Promise<void> {
  const d = await db().decision.findUnique({
    where: { applicationId },
    select: { ...LETTER_SELECT, callId: true, publishedAt: true, decidedAt: true, letterKey: true },
  });
  if (!d?.publishedAt) {
    console.error(
      `Lettre de décision du dossier ${applicationId} : décision introuvable ou non publiée ; travail abandonné.`,
    );
    return;
  }
  const call = await db().call.findUniqueOrThrow({
    where: { id: d.callId },
    select: { id: true, title: true },
  });
  const reference = d.application.reference ?? applicationId;
  const promotion = event === "promotion";
  let letterKey = promotion ? null : d.letterKey;
  if (!letterKey) {
    // A promotion's letter is dated by the promotion, a publication's by the publication.
    const at = promotion ? d.decidedAt : d.publishedAt;
    const pdf = await decisionLetterPdf(
      letterInput(
        d,
        call.title,
        at,
        (await decisionDetails(db(), call.id, [applicationId])).get(applicationId)!,
      ),
    );
    letterKey = `decisions/${call.id}/${applicationId}-${randomUUID()}.pdf`;
    await storage().put(letterKey, Buffer.from(pdf), "application/pdf");
  }
  const link = `${appUrl()}/mes-dossiers/${applicationId}`;
  const documents = [{ storageKey: letterKey, filename: `decision-${reference}.pdf` }];
  const written = await db().$transaction(async (tx) => {
    if (
      promotion &&
      (await tx.notification.count({ where: { kind: "decision.promotion", applicationId } })) > 0
    )
      return false;
    const kept = await tx.decision.updateMany({
      where: { applicationId, ...(promotion ? {} : { OR: [{ letterKey: null }, { letterKey }] }) },
      data: { letterKey },
    });
    if (kept.count !== 1) return false; // another run wrote its letter first
    await notify(
      tx,
      (await applicantEmails(tx, applicationId)).map((to) => ({
        kind: promotion ? ("decision.promotion" as const) : ("decision.published" as const),
        event: `${promotion ? "decision.promotion" : "decision.published"}:${applicationId}`,
        mail: promotion
          ? promotionMail({ to, reference, amount: formatEuros(d.amountCents ?? 0), link })
          : decisionMail({
              to,
              reference,
              callTitle: call.title,
              outcomeLabel: OUTCOME_LABELS[d.outcome],
              link,
            }),
        link,
        documents,
        callId: call.id,
        applicationId,
      })),
    );
    return true;
  });
  if (!written && letterKey !== d.letterKey)
    await storage()
      .delete(letterKey)
      .catch(() => {});
}

// ───────────────────────── Withdrawals and reserve promotion ─────────────────────────

async function withdrawLaureate(
  actor: Actor,
  applicationId: string,
  reason: string,
  action: string,
) {
  assertTransition("LAUREATE", "WITHDRAWN");
  await db().$transaction(async (tx) => {
    const done = await tx.application.updateMany({
      where: { id: applicationId, status: "LAUREATE" },
      data: { status: "WITHDRAWN", withdrawnAt: new Date(), version: { increment: 1 } },
    });
    if (done.count !== 1)
      throw new AppError("INVALID_STATE", "Ce dossier n'est pas (ou plus) lauréat.");
    await tx.statusChange.create({
      data: { applicationId, from: "LAUREATE", to: "WITHDRAWN", actorId: actor.id, note: reason },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action,
      entityType: "Application",
      entityId: applicationId,
      before: { status: "LAUREATE" },
      after: { status: "WITHDRAWN", reason },
    });
  });
}

/** The owner of a laureate dossier gives the grant up. */
export async function renounceGrant(actor: Actor, applicationId: string, input: unknown) {
  assertCan(actor, "application.renounce", await applicationFacts(String(applicationId)));
  const { reason } = parseInput(renounceSchema, input);
  await withdrawLaureate(actor, applicationId, reason, "application.renounce");
}

/** The national cell records a laureate's withdrawal (told by letter or e-mail). */
export async function recordLaureateWithdrawal(
  actor: Actor,
  applicationId: string,
  input: unknown,
) {
  const facts = await applicationFacts(String(applicationId));
  assertCan(actor, "national.decide", facts);
  const { reason } = parseInput(renounceSchema, input);
  if (facts!.status !== "LAUREATE")
    throw new AppError("INVALID_STATE", "Ce dossier n'est pas (ou plus) lauréat.");
  await withdrawLaureate(actor, applicationId, reason, "national.withdrawal");
}

/**
 * The cell confirms the proposed promotion: the first reserve dossier that fits the remaining envelope
 * (and keeps the priorities) becomes laureate; its new letter is stored and its applicants told.
 * Also called by the conventions' work after a missed signing deadline.
 */
export async function promoteReserve(
  actor: Actor,
  callId: string,
  applicationId: string,
  now = new Date(),
) {
  const facts = await applicationFacts(String(applicationId));
  assertCan(actor, "national.decide", facts);
  const result = await db().$transaction(async (tx) => {
    await lockCall(tx, String(callId));
    const call = await callWithRules(tx, String(callId));
    if (!call.resultsPublishedAt)
      throw new AppError(
        "INVALID_STATE",
        "Les résultats ne sont pas encore publiés : modifiez la liste des décisions.",
      );
    // The publication's letters tell each dossier its published decision: none may change before they are written.
    if (
      await tx.decision.count({
        where: { callId: call.id, publishedAt: { not: null }, letterKey: null },
      })
    ) {
      throw new AppError(
        "INVALID_STATE",
        "Les lettres de la publication sont encore en cours de préparation : réessayez dans quelques minutes.",
      );
    }
    const proposal = await proposeReservePromotion(call.id, tx);
    if (!proposal)
      throw new AppError(
        "INVALID_STATE",
        "Aucun dossier de la liste complémentaire ne tient dans l'enveloppe restante en respectant les priorités.",
      );
    if (proposal.applicationId !== applicationId) {
      throw new AppError(
        "INVALID_STATE",
        `Le dossier à promouvoir est ${proposal.reference} : le premier de la liste complémentaire qui tient dans l'enveloppe restante (${formatEuros(proposal.remainingCents)}).`,
      );
    }
    const before = await tx.decision.findUniqueOrThrow({
      where: { applicationId },
      select: { outcome: true, reserveRank: true, amountCents: true, reasons: true },
    });
    const reasons = `Votre projet, inscrit en position ${before.reserveRank} sur la liste complémentaire, est retenu à la suite du désistement d'un lauréat, pour une subvention de ${formatEuros(before.amountCents ?? 0)}.\n${before.reasons}`;
    await tx.decision.update({
      where: { applicationId },
      data: { outcome: "LAUREATE", reserveRank: null, reasons, decidedAt: now },
    });
    assertTransition("RESERVE", "LAUREATE");
    const moved = await tx.application.updateMany({
      where: { id: applicationId, status: "RESERVE" },
      data: { status: "LAUREATE" },
    });
    if (moved.count !== 1) throw new AppError("CONFLICT");
    await tx.statusChange.create({
      data: {
        applicationId,
        from: "RESERVE",
        to: "LAUREATE",
        actorId: actor.id,
        note: "Promu depuis la liste complémentaire",
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "national.promote",
      entityType: "Decision",
      entityId: applicationId,
      before: { outcome: before.outcome, reserveRank: before.reserveRank },
      after: {
        outcome: "LAUREATE",
        amountCents: before.amountCents,
        remainingCentsBefore: proposal.remainingCents,
      },
    });
    // The new letter and the applicants' e-mails, through the job queue.
    await enqueue(tx, "decision.letter", [
      {
        payload: { applicationId, event: "promotion" },
        key: `decision.promotion:${applicationId}`,
      },
    ]);
    return { call, amountCents: before.amountCents ?? 0 };
  });
  return { applicationId, amountCents: result.amountCents };
}

// ───────────────────────── Declarations of interests of the national cell ─────────────────────────

/**
 * A CNA member declares, once per dossier and before reading it, whether they have a conflict of interest
 * with it (the policy then opens or closes the dossier's content, analysis and decision line to them).
 */
export async function declareNationalInterest(actor: Actor, applicationId: string, input: unknown) {
  const id = String(applicationId);
  assertMayDeclare(actor, await applicationFacts(id));
  const { hasConflict, reason } = parseInput(nationalInterestSchema, input);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Application" WHERE id = ${id} FOR UPDATE`;
    assertMayDeclare(actor, await applicationFacts(id, tx)); // again under the lock: a second tab, a double click
    await tx.conflictDeclaration.create({
      data: {
        applicationId: id,
        userId: actor.id,
        hasConflict,
        reason: hasConflict ? reason : null,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "national.interest.declare",
      entityType: "Application",
      entityId: id,
      after: { hasConflict, reason: hasConflict ? reason : null },
    });
    return { hasConflict };
  });
}

/** A CNA member who already declared learns it (they list the dossier anyway); anyone else, that it does not exist. */
function assertMayDeclare(actor: Actor, facts: ApplicationFacts | undefined) {
  const declared =
    facts &&
    (facts.noConflictUserIds.includes(actor.id) || facts.conflictedUserIds.includes(actor.id));
  if (declared && can(actor, "application.readSummary", facts) && can(actor, "space.cna")) {
    throw new AppError(
      "INVALID_STATE",
      "Vous avez déjà déclaré vos intérêts pour ce dossier : une déclaration ne se modifie pas.",
    );
  }
  assertCan(actor, "national.declareInterest", facts);
}
