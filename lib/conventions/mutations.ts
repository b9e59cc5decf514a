import "server-only";
// The conventions of the laureates: prepared (numbered, then its PDF made by the job queue), sent, signed by the pole,
// countersigned by the national cell, or cancelled (which flags a reserve promotion to start).
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { limitAction } from "@/lib/auth/rate-limit";
import { conventionFacts } from "@/lib/conventions/data";
import {
  canMoveConvention,
  conventionNumber,
  FINAL_REPORT_GRACE_MONTHS,
  reportDueDates,
  sequenceOf,
  signatureDeadline,
} from "@/lib/conventions/rules";
import { cancelConventionSchema } from "@/lib/conventions/schema";
import { db, type Tx } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDate, formatDateTime } from "@/lib/format";
import type { ConventionStatus } from "@/lib/generated/prisma/enums";
import { enqueue } from "@/lib/jobs/queue";
import {
  conventionCountersignedMail,
  conventionSentMail,
  conventionSignedMail,
} from "@/lib/mail/after-templates";
import { notify } from "@/lib/notifications/outbox";
import { applicantEmails, cnaMemberEmails } from "@/lib/notifications/recipients";
import { TRANCHE_CONDITION_LABELS, trancheAmounts } from "@/lib/payments/rules";
import { conventionPdf } from "@/lib/pdf/convention";
import { LEGAL_FORM_LABELS } from "@/lib/poles/labels";
import { checkUpload, sanitizeFileName } from "@/lib/storage/file-check";
import { storage } from "@/lib/storage/storage";
import { parseInput } from "@/lib/validation";

export const MAX_SIGNED_CONVENTION_BYTES = 10 * 1024 * 1024;
const CONVENTION_NUMBER_LOCK = 7_202_600;
const PDF_ONLY = [{ mimeType: "application/pdf", extension: "pdf", label: "PDF" }] as const;

/** Moves a convention from one of `from` to `to`, or CONFLICT when someone changed it meanwhile. */
async function move(
  tx: Tx,
  id: string,
  from: ConventionStatus,
  to: ConventionStatus,
  data: Record<string, unknown> = {},
) {
  if (!canMoveConvention(from, to)) throw new AppError("INVALID_STATE");
  const moved = await tx.convention.updateMany({
    where: { id, status: from },
    data: { status: to, ...data },
  });
  if (moved.count !== 1) throw new AppError("CONFLICT");
}

/**
 * Prepares the convention of a published laureate: the next number of its call (under the call's lock),
 * status TO_PREPARE; its PDF is generated from the dossier and the decision by a job of the queue
 * (`produceConventionDocument`), queued in the same transaction.
 */
export async function prepareConvention(actor: Actor, applicationId: string, now = new Date()) {
  assertCan(actor, "convention.manage");
  try {
    return await db().$transaction(async (tx) => {
      const a = await tx.application.findUnique({
        where: { id: String(applicationId) },
        select: {
          id: true,
          status: true,
          decision: true,
          convention: { select: { id: true } },
          call: { select: { year: true } },
        },
      });
      if (!a) throw new AppError("NOT_FOUND");
      const d = a.decision;
      if (
        d?.outcome !== "LAUREATE" ||
        !d.publishedAt ||
        d.amountCents === null ||
        a.status !== "LAUREATE"
      ) {
        throw new AppError(
          "INVALID_STATE",
          "Une convention ne se prépare que pour un lauréat dont la décision est publiée.",
        );
      }
      if (a.convention) throw new AppError("CONFLICT", "Ce lauréat a déjà une convention.");
      // One sequence per call's year (two calls of one year share it, so numbers stay unique):
      // writers of the same year wait for each other.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CONVENTION_NUMBER_LOCK}, ${a.call.year})`;
      const numbers = await tx.convention.findMany({
        where: { number: { startsWith: `PTCE-${a.call.year}-` } },
        select: { number: true },
      });
      const last = Math.max(0, ...numbers.map((n) => sequenceOf(n.number, a.call.year) ?? 0));
      const number = conventionNumber(a.call.year, last + 1);
      const convention = await tx.convention.create({
        data: { applicationId: a.id, number, amountCents: d.amountCents, createdAt: now },
        select: { id: true, number: true, status: true, amountCents: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "convention.prepare",
        entityType: "Convention",
        entityId: convention.id,
        after: { number, applicationId: a.id, amountCents: d.amountCents },
      });
      await enqueue(tx, "convention.document", [
        { payload: { conventionId: convention.id }, key: `convention.document:${convention.id}` },
      ]);
      return convention;
    });
  } catch (error) {
    if (
      typeof error === "object" &&
      error !== null &&
      (error as { code?: string }).code === "P2002"
    )
      throw new AppError("CONFLICT", "Ce lauréat a déjà une convention.");
    throw error;
  }
}

/**
 * The job queued by `prepareConvention`: generates the convention's PDF (dated by its preparation) and
 * stores it, once — run again, it finds the document there.
 */
export async function produceConventionDocument(conventionId: string): Promise<void> {
  const c = await db().convention.findUnique({
    where: { id: conventionId },
    select: {
      number: true,
      amountCents: true,
      documentKey: true,
      createdAt: true,
      application: {
        include: {
          decision: true,
          indicators: { orderBy: { position: "asc" } },
          pole: { include: { region: { select: { name: true } } } },
          call: { include: { tranches: { orderBy: { position: "asc" } } } },
        },
      },
    },
  });
  if (!c?.application?.decision) {
    console.error(
      `Document de la convention ${conventionId} : convention ou décision introuvable ; travail abandonné.`,
    );
    return;
  }
  if (c.documentKey) return;
  const a = c.application;
  const d = a.decision!;
  const amountCents = c.amountCents;
  const amounts = trancheAmounts(amountCents, a.call.tranches);
  const interimMonths = Math.max(1, Math.round(a.call.durationMonths / 2));
  const pdf = await conventionPdf({
    number: c.number,
    callTitle: a.call.title,
    callYear: a.call.year,
    reference: a.reference ?? a.id,
    projectTitle: a.title || a.pole.name,
    presentation: a.presentation,
    poleName: a.pole.name,
    carrierName: a.pole.carrierName,
    siret: a.pole.siret,
    legalForm: LEGAL_FORM_LABELS[a.pole.legalForm],
    address: `${a.pole.addressLine}, ${a.pole.postalCode} ${a.pole.city}`,
    regionName: a.pole.region.name,
    amountCents,
    durationMonths: a.call.durationMonths,
    decidedAt: d.decidedAt,
    generatedAt: c.createdAt,
    tranches: a.call.tranches.map((t, i) => ({
      label: t.label,
      shareBps: t.shareBps,
      amountCents: amounts[i]!,
      condition: TRANCHE_CONDITION_LABELS[t.condition],
    })),
    indicators: a.indicators.map(({ label, unit, targetYear1, targetYear2 }) => ({
      label,
      unit,
      targetYear1,
      targetYear2,
    })),
    reportDue: {
      interim: `au plus tard ${interimMonths} mois après la contre-signature`,
      final: `au plus tard ${a.call.durationMonths + FINAL_REPORT_GRACE_MONTHS} mois après la contre-signature`,
    },
    signatureDelayDays: a.call.signatureDelayDays,
  });
  const documentKey = `conventions/${a.id}/${randomUUID()}.pdf`;
  await storage().put(documentKey, Buffer.from(pdf), "application/pdf");
  const kept = await db().convention.updateMany({
    where: { id: conventionId, documentKey: null },
    data: { documentKey },
  });
  if (kept.count !== 1)
    await storage()
      .delete(documentKey)
      .catch(() => {}); // another run stored it first
}

/** Prepares the conventions of every published laureate of a call who has none yet; returns how many. */
export async function prepareConventions(
  actor: Actor,
  callId: string,
  now = new Date(),
): Promise<number> {
  assertCan(actor, "convention.manage");
  const laureates = await db().application.findMany({
    where: {
      callId: String(callId),
      status: "LAUREATE",
      convention: null,
      decision: { outcome: "LAUREATE", publishedAt: { not: null } },
    },
    orderBy: { reference: "asc" },
    select: { id: true },
  });
  for (const l of laureates) await prepareConvention(actor, l.id, now);
  return laureates.length;
}

/** Sends the convention to the applicant: signing deadline = today + the call's delay (Paris, end of day). */
export async function sendConvention(actor: Actor, conventionId: string, now = new Date()) {
  const facts = await conventionFacts(conventionId);
  assertCan(actor, "convention.manage", facts);
  const sent = await db().$transaction(async (tx) => {
    const c = await tx.convention.findUniqueOrThrow({
      where: { id: conventionId },
      include: {
        application: {
          select: {
            id: true,
            reference: true,
            callId: true,
            call: { select: { signatureDelayDays: true } },
          },
        },
      },
    });
    const signatureDueAt = signatureDeadline(now, c.application.call.signatureDelayDays);
    if (c.status !== "TO_PREPARE")
      throw new AppError("INVALID_STATE", "Cette convention a déjà été envoyée ou annulée.");
    if (!c.documentKey)
      throw new AppError(
        "INVALID_STATE",
        "Le document de la convention est en cours de préparation : réessayez dans quelques instants.",
      );
    await move(tx, c.id, "TO_PREPARE", "SENT", { sentAt: now, signatureDueAt });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "convention.send",
      entityType: "Convention",
      entityId: c.id,
      before: { status: c.status },
      after: { status: "SENT", signatureDueAt },
    });
    const link = `${appUrl()}/mes-dossiers/${c.application.id}`;
    await notify(
      tx,
      (await applicantEmails(tx, c.application.id)).map((to) => ({
        kind: "convention.sent" as const,
        event: `convention.sent:${c.id}`,
        mail: conventionSentMail({
          to,
          number: c.number,
          reference: c.application.reference ?? "",
          dueDate: formatDate(signatureDueAt),
          link,
        }),
        link,
        callId: c.application.callId,
        applicationId: c.application.id,
      })),
    );
    return { c, signatureDueAt };
  });
  return { signatureDueAt: sent.signatureDueAt };
}

/** The owner uploads the signed copy (a PDF, checked by its content) before the signing deadline. */
export async function uploadSignedConvention(
  actor: Actor,
  conventionId: string,
  file: { name: string; bytes: Buffer },
  now = new Date(),
) {
  const facts = await conventionFacts(conventionId);
  // The owner is told why a convention no longer takes a signature; anyone else is told nothing.
  if (facts && facts.status !== "SENT" && facts.ownerId === actor.id) {
    throw new AppError(
      "INVALID_STATE",
      facts.status === "CANCELLED"
        ? "Cette convention a été annulée."
        : "La copie signée de cette convention a déjà été déposée.",
    );
  }
  assertCan(actor, "convention.sign", facts);
  await limitAction("upload", actor.id, 120, 10 * 60);
  const check = await checkUpload({
    bytes: file.bytes,
    declaredName: file.name,
    maxBytes: MAX_SIGNED_CONVENTION_BYTES,
    accepted: PDF_ONLY,
  });
  if (!check.ok) {
    const message = check.message.startsWith("Ce type")
      ? "La convention signée doit être un fichier PDF."
      : check.message;
    throw new AppError("VALIDATION", message, { file: [message] });
  }
  const storageKey = `conventions/${conventionId}/signee-${randomUUID()}.pdf`;
  await storage().put(storageKey, file.bytes, check.mimeType);
  try {
    const result = await db().$transaction(async (tx) => {
      const c = await tx.convention.findUniqueOrThrow({
        where: { id: conventionId },
        include: {
          application: { select: { id: true, callId: true, pole: { select: { name: true } } } },
        },
      });
      if (c.signatureDueAt && now > c.signatureDueAt) {
        throw new AppError(
          "INVALID_STATE",
          `Le délai de signature a expiré le ${formatDateTime(c.signatureDueAt)} : contactez la cellule nationale.`,
        );
      }
      await move(tx, c.id, "SENT", "SIGNED_BY_POLE", { signedByPoleAt: now });
      const attachment = await tx.attachment.create({
        data: {
          purpose: "SIGNED_CONVENTION",
          conventionId: c.id,
          fileName: sanitizeFileName(file.name),
          mimeType: check.mimeType,
          sizeBytes: file.bytes.length,
          sha256: check.sha256,
          storageKey,
          uploadedById: actor.id,
        },
        select: { id: true, fileName: true, sizeBytes: true, sha256: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "convention.sign",
        entityType: "Convention",
        entityId: c.id,
        before: { status: "SENT" },
        after: { status: "SIGNED_BY_POLE", attachmentId: attachment.id, sha256: check.sha256 },
      });
      const link = `${appUrl()}/cna/conventions/${conventionId}`;
      await notify(
        tx,
        (await cnaMemberEmails(tx)).map((to) => ({
          kind: "convention.signed" as const,
          event: `convention.signed:${c.id}`,
          mail: conventionSignedMail({
            to,
            number: c.number,
            poleName: c.application.pole.name,
            link,
          }),
          link,
          callId: c.application.callId,
          applicationId: c.application.id,
        })),
      );
      return { attachment, c };
    });
    return result.attachment;
  } catch (error) {
    await storage()
      .delete(storageKey)
      .catch(() => {});
    throw error;
  }
}

/** The national cell countersigns: the convention is in force and its two reports are due. */
export async function countersignConvention(actor: Actor, conventionId: string, now = new Date()) {
  const facts = await conventionFacts(conventionId);
  assertCan(actor, "convention.manage", facts);
  await db().$transaction(async (tx) => {
    const c = await tx.convention.findUniqueOrThrow({
      where: { id: conventionId },
      include: {
        application: {
          select: { id: true, callId: true, call: { select: { durationMonths: true } } },
        },
      },
    });
    if (c.status !== "SIGNED_BY_POLE")
      throw new AppError(
        "INVALID_STATE",
        "Seule une convention signée par le porteur peut être contresignée.",
      );
    await move(tx, c.id, "SIGNED_BY_POLE", "COUNTERSIGNED", {
      countersignedAt: now,
      countersignedById: actor.id,
    });
    const due = reportDueDates(now, c.application.call.durationMonths);
    await tx.report.createMany({
      data: (["INTERIM", "FINAL"] as const).map((kind) => ({
        conventionId: c.id,
        kind,
        dueAt: due[kind],
      })),
      skipDuplicates: true,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "convention.countersign",
      entityType: "Convention",
      entityId: c.id,
      before: { status: "SIGNED_BY_POLE" },
      after: { status: "COUNTERSIGNED", reportsDue: due },
    });
    const link = `${appUrl()}/mes-dossiers/${c.application.id}`;
    await notify(
      tx,
      (await applicantEmails(tx, c.application.id)).map((to) => ({
        kind: "convention.countersigned" as const,
        event: `convention.countersigned:${c.id}`,
        mail: conventionCountersignedMail({ to, number: c.number, link }),
        link,
        callId: c.application.callId,
        applicationId: c.application.id,
      })),
    );
    return c;
  });
}

/**
 * Cancels a convention not yet in force (signing deadline missed, laureate declining): the dossier is
 * flagged for the national cell, which starts the promotion of the reserve list.
 */
export async function cancelConvention(
  actor: Actor,
  conventionId: string,
  input: unknown,
  now = new Date(),
) {
  const facts = await conventionFacts(conventionId);
  assertCan(actor, "convention.manage", facts);
  const { reason } = parseInput(cancelConventionSchema, input);
  await db().$transaction(async (tx) => {
    const c = await tx.convention.findUniqueOrThrow({ where: { id: conventionId } });
    if (c.status === "COUNTERSIGNED")
      throw new AppError(
        "INVALID_STATE",
        "Une convention contresignée ne peut plus être annulée ici.",
      );
    if (c.status === "CANCELLED")
      throw new AppError("INVALID_STATE", "Cette convention est déjà annulée.");
    const overdue = c.status === "SENT" && c.signatureDueAt !== null && now > c.signatureDueAt;
    await move(tx, c.id, c.status, "CANCELLED", {
      cancelledAt: now,
      cancellationReason: reason,
      reservePromotionDue: true,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "convention.cancel",
      entityType: "Convention",
      entityId: c.id,
      before: { status: c.status },
      after: { status: "CANCELLED", reason, signatureOverdue: overdue, reservePromotionDue: true },
    });
  });
}
