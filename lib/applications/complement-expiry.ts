import "server-only";
// A request for missing documents not answered by its due date expires (run every quarter of an hour by the
// worker, lib/jobs/schedules.ts): the request is closed, the dossier goes back to the regional cell for its
// admissibility decision (complete, inadmissible or a new request), and the applicant and the cell are told.
// The change is conditional on the request being still open, in one transaction with its notifications: it
// happens once, even with two workers, and never after (or together with) an answer.
import { recordAudit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import {
  complementExpiredApplicantMail,
  complementExpiredCellMail,
} from "@/lib/mail/reminder-templates";
import { notify } from "@/lib/notifications/outbox";
import { APPLICANT_SIDE, applicantSide } from "@/lib/reminders/recipients";

export const COMPLEMENT_EXPIRED_NOTE =
  "Pièces complémentaires non reçues dans le délai : demande close";

export async function expireComplementRequests(
  now: Date,
): Promise<{ expired: number; notified: number }> {
  const due = await db().complementRequest.findMany({
    where: { status: "OPEN", dueAt: { lt: now } },
    select: { id: true },
    orderBy: { dueAt: "asc" },
  });
  let expired = 0;
  let notified = 0;
  for (const { id } of due) {
    const told = await expireOne(id, now);
    if (told === null) continue;
    expired += 1;
    notified += told;
  }
  return { expired, notified };
}

/** Expires one request; null when it was answered or expired meanwhile. */
async function expireOne(requestId: string, now: Date): Promise<number | null> {
  return db().$transaction(async (tx) => {
    const closed = await tx.complementRequest.updateMany({
      where: { id: requestId, status: "OPEN", dueAt: { lt: now } },
      data: { status: "EXPIRED" },
    });
    if (closed.count !== 1) return null;
    const r = await tx.complementRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: {
        dueAt: true,
        requestedBy: { select: { email: true, active: true } },
        application: {
          select: {
            id: true,
            callId: true,
            reference: true,
            regionCode: true,
            status: true,
            ...APPLICANT_SIDE,
          },
        },
      },
    });
    const a = r.application;
    // A dossier withdrawn meanwhile waits for nothing: its request is closed without telling anyone.
    if (a.status !== "COMPLEMENT_REQUESTED") {
      await recordAudit(tx, {
        actorId: null,
        action: "complement.expire",
        entityType: "Application",
        entityId: a.id,
        after: { requestId, dueAt: r.dueAt, returnedToCell: false },
      });
      return 0;
    }
    const stillOpen = await tx.complementRequest.count({
      where: { applicationId: a.id, status: "OPEN" },
    });
    // Back to « Déposé », where the cell decides on admissibility (lib/regional/steps.ts), once no other request is open.
    const back =
      stillOpen === 0 &&
      (
        await tx.application.updateMany({
          where: { id: a.id, status: "COMPLEMENT_REQUESTED" },
          data: { status: "SUBMITTED" },
        })
      ).count === 1;
    if (back)
      await tx.statusChange.create({
        data: {
          applicationId: a.id,
          from: "COMPLEMENT_REQUESTED",
          to: "SUBMITTED",
          actorId: null,
          note: COMPLEMENT_EXPIRED_NOTE,
        },
      });
    await recordAudit(tx, {
      actorId: null,
      action: "complement.expire",
      entityType: "Application",
      entityId: a.id,
      after: { requestId, dueAt: r.dueAt, returnedToCell: back },
    });

    const coordinators = await tx.user.findMany({
      where: {
        active: true,
        roles: { some: { role: "CRA_COORDINATOR", regionCode: a.regionCode } },
      },
      select: { email: true },
    });
    const cell = [
      ...new Set([
        ...(r.requestedBy.active ? [r.requestedBy.email] : []),
        ...coordinators.map((c) => c.email),
      ]),
    ];
    const reference = a.reference ?? "";
    const dueAt = formatDateTime(r.dueAt);
    const event = `dossier.complement-expired:${requestId}`;
    const context = { callId: a.callId, applicationId: a.id };
    const applicantLink = `${appUrl()}/mes-dossiers/${a.id}`;
    const cellLink = `${appUrl()}/cra/dossiers/${a.id}`;
    return notify(tx, [
      ...applicantSide(a).map(({ email }) => ({
        kind: "dossier.complement-expired" as const,
        event,
        mail: complementExpiredApplicantMail({ to: email, reference, dueAt, link: applicantLink }),
        link: applicantLink,
        ...context,
      })),
      ...cell.map((email) => ({
        kind: "dossier.complement-expired" as const,
        event,
        mail: complementExpiredCellMail({ to: email, reference, dueAt, link: cellLink }),
        link: cellLink,
        ...context,
      })),
    ]);
  });
}
