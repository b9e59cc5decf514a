import "server-only";
// The message thread of a dossier between its applicants and the instruction team.
import { z } from "zod";
import { applicationFacts, readFacts } from "@/lib/applications/facts";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { limitAction } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { newMessageMail } from "@/lib/mail/templates";
import { notify } from "@/lib/notifications/outbox";
import { parseInput } from "@/lib/validation";

export const messageSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, { message: "Écrivez votre message." })
    .max(5000, { message: "5000 caractères au plus." }),
});

export async function listMessages(actor: Actor, applicationId: string) {
  assertCan(actor, "application.message", await readFacts(applicationId));
  return db().message.findMany({
    where: { applicationId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      body: true,
      createdAt: true,
      fromInstruction: true,
      author: { select: { name: true } },
    },
  });
}

/** Posts a message; the other side is told by e-mail (the applicants, or the region's coordinators). */
export async function postMessage(actor: Actor, applicationId: string, input: unknown) {
  const facts = await applicationFacts(applicationId);
  assertCan(actor, "application.message", facts);
  const { body } = parseInput(messageSchema, input);
  await limitAction("message", actor.id, 30, 60 * 60);
  const fromInstruction = facts!.ownerId !== actor.id && !facts!.collaboratorIds.includes(actor.id);
  return db().$transaction(async (tx) => {
    const created = await tx.message.create({
      data: { applicationId, authorId: actor.id, body, fromInstruction },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "message.post",
      entityType: "Application",
      entityId: applicationId,
      after: { messageId: created.id },
    });
    const a = await tx.application.findUniqueOrThrow({
      where: { id: applicationId },
      select: {
        reference: true,
        regionCode: true,
        callId: true,
        owner: { select: { email: true } },
        collaborators: { where: { acceptedAt: { not: null } }, select: { email: true } },
      },
    });
    const recipients = fromInstruction
      ? [a.owner.email, ...a.collaborators.map((c) => c.email)]
      : (
          await tx.user.findMany({
            where: {
              active: true,
              roles: { some: { role: "CRA_COORDINATOR", regionCode: a.regionCode } },
            },
            select: { email: true },
          })
        ).map((u) => u.email);
    const link = fromInstruction
      ? `${appUrl()}/mes-dossiers/${applicationId}`
      : `${appUrl()}/cra/dossiers/${applicationId}`;
    await notify(
      tx,
      recipients.map((to) => ({
        kind: "dossier.message" as const,
        event: `dossier.message:${created.id}`,
        mail: newMessageMail({ to, reference: a.reference ?? "", link }),
        link,
        callId: a.callId,
        applicationId,
      })),
    );
    return created;
  });
}
