import "server-only";
// Co-editors: the owner invites other people by e-mail to fill the dossier with them.
import { z } from "zod";
import { applicationFacts, readFacts } from "@/lib/applications/facts";
import { recordAudit } from "@/lib/audit/log";
import { type Actor, assertCan } from "@/lib/auth/policy";
import { limitAction } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { coEditorInvitationMail } from "@/lib/mail/templates";
import { notify } from "@/lib/notifications/outbox";
import { emailSchema } from "@/lib/users/schema";
import { parseInput } from "@/lib/validation";

export const coEditorSchema = z.object({ email: emailSchema });
export const MAX_CO_EDITORS = 10;

export async function listCoEditors(actor: Actor, applicationId: string) {
  assertCan(actor, "application.invite", await readFacts(applicationId));
  return db().applicationCollaborator.findMany({
    where: { applicationId },
    orderBy: { invitedAt: "asc" },
    select: { id: true, email: true, acceptedAt: true },
  });
}

export async function inviteCoEditor(actor: Actor, applicationId: string, input: unknown) {
  assertCan(actor, "application.invite", await applicationFacts(applicationId));
  const { email } = parseInput(coEditorSchema, input);
  await limitAction("coeditor-invite", actor.id, 20, 24 * 60 * 60);
  if (email === actor.email)
    throw new AppError("VALIDATION", undefined, { email: ["C'est votre propre adresse."] });
  const a = await db().application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { title: true, callId: true, _count: { select: { collaborators: true } } },
  });
  if (a._count.collaborators >= MAX_CO_EDITORS)
    throw new AppError(
      "INVALID_STATE",
      `Un dossier compte au plus ${MAX_CO_EDITORS} personnes associées.`,
    );
  const invited = await db().$transaction(async (tx) => {
    if (
      await tx.applicationCollaborator.findUnique({
        where: { applicationId_email: { applicationId, email } },
      })
    ) {
      throw new AppError("CONFLICT", "Cette personne est déjà invitée.", {
        email: ["Cette personne est déjà invitée."],
      });
    }
    const created = await tx.applicationCollaborator.create({
      data: { applicationId, email },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "collaborator.invite",
      entityType: "Application",
      entityId: applicationId,
      after: { email },
    });
    const link = `${appUrl()}/mes-dossiers/invitations/${created.id}`;
    await notify(tx, [
      {
        kind: "dossier.co-editor-invitation",
        event: `dossier.co-editor-invitation:${created.id}`,
        mail: coEditorInvitationMail({
          to: email,
          inviter: actor.name,
          title: a.title,
          link,
          signUpLink: `${appUrl()}/inscription`,
        }),
        link,
        callId: a.callId,
        applicationId,
      },
    ]);
    return created;
  });
  return invited;
}

/** The invitation as its recipient sees it, when signed in with the invited address. */
export async function getInvitation(actor: Actor, collaboratorId: string) {
  const invitation = await db().applicationCollaborator.findUnique({
    where: { id: String(collaboratorId) },
    select: {
      id: true,
      email: true,
      acceptedAt: true,
      application: { select: { id: true, title: true, owner: { select: { name: true } } } },
    },
  });
  return invitation && invitation.email === actor.email ? invitation : null;
}

export async function acceptInvitation(actor: Actor, collaboratorId: string) {
  const invitation = await getInvitation(actor, collaboratorId);
  if (!invitation) throw new AppError("NOT_FOUND");
  assertCan(actor, "space.applicant");
  if (invitation.acceptedAt) return { applicationId: invitation.application.id };
  await db().$transaction(async (tx) => {
    await tx.applicationCollaborator.update({
      where: { id: invitation.id },
      data: { userId: actor.id, acceptedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "collaborator.accept",
      entityType: "Application",
      entityId: invitation.application.id,
    });
  });
  return { applicationId: invitation.application.id };
}

export async function removeCoEditor(actor: Actor, collaboratorId: string) {
  const row = await db().applicationCollaborator.findUnique({
    where: { id: String(collaboratorId) },
  });
  assertCan(
    actor,
    "application.invite",
    row ? await applicationFacts(row.applicationId) : undefined,
  );
  await db().$transaction(async (tx) => {
    await tx.applicationCollaborator.delete({ where: { id: row!.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "collaborator.remove",
      entityType: "Application",
      entityId: row!.applicationId,
      before: { email: row!.email },
    });
  });
}
