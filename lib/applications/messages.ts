import "server-only";
// The message thread of a dossier between its applicants and the instruction team.
import { z } from "zod";
import { applicationFacts, readFacts } from "@/lib/applications/facts";
import { recordAudit } from "@/lib/audit/log";
import { assertCan, type Actor } from "@/lib/auth/policy";
import { limitAction } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { newMessageMail } from "@/lib/mail/templates";
import { sendMail } from "@/lib/mail/transport";
import { parseInput } from "@/lib/validation";

export const messageSchema = z.object({
  body: z.string().trim().min(1, { message: "Écrivez votre message." }).max(5000, { message: "5000 caractères au plus." }),
});

export async function listMessages(actor: Actor, applicationId: string) {
  assertCan(actor, "application.message", await readFacts(applicationId));
  return db().message.findMany({
    where: { applicationId },
    orderBy: { createdAt: "asc" },
    select: { id: true, body: true, createdAt: true, fromInstruction: true, author: { select: { name: true } } },
  });
}

/** Posts a message; the other side is told by e-mail (the applicants, or the region's coordinators). */
export async function postMessage(actor: Actor, applicationId: string, input: unknown) {
  const facts = await applicationFacts(applicationId);
  assertCan(actor, "application.message", facts);
  const { body } = parseInput(messageSchema, input);
  await limitAction("message", actor.id, 30, 60 * 60);
  const fromInstruction = facts!.ownerId !== actor.id && !facts!.collaboratorIds.includes(actor.id);
  const message = await db().$transaction(async (tx) => {
    const created = await tx.message.create({ data: { applicationId, authorId: actor.id, body, fromInstruction }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.id, action: "message.post", entityType: "Application", entityId: applicationId, after: { messageId: created.id } });
    return created;
  });
  const a = await db().application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { reference: true, regionCode: true, owner: { select: { email: true } }, collaborators: { where: { acceptedAt: { not: null } }, select: { email: true } } },
  });
  const recipients = fromInstruction
    ? [a.owner.email, ...a.collaborators.map((c) => c.email)]
    : (await db().user.findMany({ where: { active: true, roles: { some: { role: "CRA_COORDINATOR", regionCode: a.regionCode } } }, select: { email: true } })).map((u) => u.email);
  const link = fromInstruction ? `${appUrl()}/mes-dossiers/${applicationId}` : `${appUrl()}/cra`;
  for (const to of recipients) {
    await sendMail(newMessageMail({ to, reference: a.reference ?? "", link })).catch((e: unknown) => console.error("Notification non envoyée", e));
  }
  return message;
}
