import "server-only";
// Payments (versements) of a countersigned convention, each checked under the locks of its call and
// its convention, so that two payments recorded at once cannot together exceed a limit.
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { conventionFacts } from "@/lib/conventions/data";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDate, formatEuros } from "@/lib/format";
import { paymentRecordedMail } from "@/lib/mail/after-templates";
import { notify } from "@/lib/notifications/outbox";
import { ownerEmail } from "@/lib/notifications/recipients";
import { paymentRefusal, trancheAmounts } from "@/lib/payments/rules";
import { paymentSchema } from "@/lib/payments/schema";
import { parisDate, parisTimeToUtc } from "@/lib/time";
import { parseInput } from "@/lib/validation";

export async function recordPayment(
  actor: Actor,
  conventionId: string,
  input: unknown,
  now = new Date(),
) {
  const facts = await conventionFacts(String(conventionId));
  assertCan(actor, "payment.record", facts);
  const data = parseInput(paymentSchema, input);
  if (data.paidOn > parisDate(now)) {
    const message = "La date du versement ne peut pas être dans le futur.";
    throw new AppError("VALIDATION", message, { paidOn: [message] });
  }
  const payment = await db()
    .$transaction(async (tx) => {
      const head = await tx.convention.findUniqueOrThrow({
        where: { id: conventionId },
        select: { application: { select: { callId: true } } },
      });
      const callId = head.application.callId;
      // The call's lock orders every payment of the call (the envelope), then the convention's.
      await tx.$queryRaw`SELECT id FROM "Call" WHERE id = ${callId} FOR UPDATE`;
      await tx.$queryRaw`SELECT id FROM "Convention" WHERE id = ${conventionId} FOR UPDATE`;
      const c = await tx.convention.findUniqueOrThrow({
        where: { id: conventionId },
        include: {
          payments: { select: { amountCents: true, trancheId: true } },
          reports: { select: { kind: true, status: true } },
          application: {
            select: {
              id: true,
              call: { select: { envelopeCents: true, tranches: { orderBy: { position: "asc" } } } },
            },
          },
        },
      });
      const tranches = c.application.call.tranches;
      const index = tranches.findIndex((t) => t.id === data.trancheId);
      if (index < 0) {
        const message = "Choisissez une tranche de l'échéancier de cette convention.";
        throw new AppError("VALIDATION", message, { trancheId: [message] });
      }
      const tranche = tranches[index]!;
      const paidOnCall = await tx.payment.aggregate({
        where: { convention: { application: { callId } } },
        _sum: { amountCents: true },
      });
      const refusal = paymentRefusal({
        conventionStatus: c.status,
        conventionAmountCents: c.amountCents,
        paidOnConventionCents: c.payments.reduce((s, p) => s + p.amountCents, 0),
        envelopeCents: c.application.call.envelopeCents,
        paidOnCallCents: paidOnCall._sum.amountCents ?? 0,
        tranche: {
          label: tranche.label,
          condition: tranche.condition,
          amountCents: trancheAmounts(c.amountCents, tranches)[index]!,
          paidCents: c.payments
            .filter((p) => p.trancheId === tranche.id)
            .reduce((s, p) => s + p.amountCents, 0),
        },
        reports: c.reports,
        amountCents: data.amountCents,
      });
      if (refusal)
        throw new AppError(
          refusal.code,
          refusal.message,
          refusal.code === "VALIDATION" ? { amountCents: [refusal.message] } : undefined,
        );
      const created = await tx.payment.create({
        data: {
          conventionId,
          trancheId: tranche.id,
          amountCents: data.amountCents,
          paidOn: parisTimeToUtc(data.paidOn, "12:00"),
          accountingReference: data.accountingReference,
          recordedById: actor.id,
        },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "payment.record",
        entityType: "Convention",
        entityId: conventionId,
        after: {
          paymentId: created.id,
          tranche: tranche.label,
          amountCents: created.amountCents,
          paidOn: data.paidOn,
          accountingReference: created.accountingReference,
        },
      });
      const owner = await ownerEmail(tx, c.application.id);
      const link = `${appUrl()}/mes-dossiers/${c.application.id}`;
      await notify(tx, [
        {
          kind: "payment.recorded",
          event: `payment.recorded:${created.id}`,
          mail: paymentRecordedMail({
            to: owner,
            number: c.number,
            amount: formatEuros(created.amountCents),
            date: formatDate(created.paidOn),
            link,
          }),
          link,
          callId,
          applicationId: c.application.id,
        },
      ]);
      return { created, number: c.number, applicationId: c.application.id };
    })
    .catch((error: unknown) => {
      if (
        typeof error === "object" &&
        error !== null &&
        (error as { code?: string }).code === "P2002"
      ) {
        const message = "Cette référence comptable est déjà enregistrée pour cette convention.";
        throw new AppError("CONFLICT", message, { accountingReference: [message] });
      }
      throw error;
    });
  return payment.created;
}
