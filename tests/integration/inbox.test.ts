import { describe, expect, it } from "vitest";
import { getApplication } from "@/lib/applications/data";
import { draftOf } from "@/lib/applications/draft";
import {
  addAttachment,
  createApplication,
  saveDraft,
  submitApplication,
} from "@/lib/applications/mutations";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import {
  emailPreferences,
  listNotifications,
  unreadNotificationCount,
} from "@/lib/notifications/data";
import type { NotificationKind } from "@/lib/notifications/kinds";
import {
  markAllNotificationsRead,
  markNotificationRead,
  openNotification,
  updateEmailPreferences,
} from "@/lib/notifications/mutations";
import { notify } from "@/lib/notifications/outbox";
import { makeActor, makeApplicantWithPole, makeOpenCall } from "../fixtures/factories";
import { PDF } from "../fixtures/files";

const FIRST = { page: 1, size: 20, skip: 0 };
const ALL = { unread: false };

/** One notification to `to`, as a command of the product writes it. */
async function tell(
  to: { email: string },
  kind: NotificationKind,
  event: string,
  link: string | null = "/mes-dossiers",
) {
  await db().$transaction((tx) =>
    notify(tx, [
      {
        kind,
        event,
        mail: {
          to: to.email,
          subject: `Objet ${event} - AMI PTCE`,
          text: `Bonjour,\n\nTexte de ${event}.\nhttps://ptce.test/mes-dossiers${SIGNATURE}`,
        },
        ...(link ? { link } : {}),
      },
    ]),
  );
  return db().notification.findFirstOrThrow({ where: { key: { startsWith: `${event}|` } } });
}
const SIGNATURE =
  "\n\n—\nAMI PTCE · Financer le développement des pôles territoriaux de coopération économique";

const applicant = () => makeActor([{ role: "APPLICANT", regionCode: null }]);
const titles = async (actor: Actor, filter = ALL) =>
  (await listNotifications(actor, filter, FIRST)).items.map((n) => n.title);

describe("the notification list", () => {
  it("shows a submitted dossier's receipt to its owner, with the unread count, and to nobody else", async () => {
    const { call } = await makeOpenCall();
    const { applicant: owner } = await makeApplicantWithPole();
    const other = await applicant();
    const { id } = await createApplication(owner, call.id);
    const { application } = await getApplication(owner, id);
    const draft = draftOf(application);
    await saveDraft(owner, id, {
      version: 0,
      draft: {
        ...draft,
        title: "Filière bois local",
        presentation: "Relocaliser la filière bois du bocage.",
        governance: "Conseil coopératif.",
        cooperation: "Atelier partagé.",
        leverAnswers: draft.leverAnswers.map((a) => ({ ...a, text: "Notre réponse." })),
        economicImpact: "Emplois.",
        socialImpact: "Insertion.",
        ecologicalImpact: "Circuits courts.",
        indicators: [
          {
            label: "Emplois créés",
            unit: "ETP",
            baseline: "0",
            targetYear1: "2",
            targetYear2: "4",
          },
        ],
        expenses: [
          { category: "PERSONNEL", label: "Coordination", year: 1, amountCents: 60_000_00 },
          { category: "PERSONNEL", label: "Coordination", year: 2, amountCents: 40_000_00 },
        ],
        fundings: [
          {
            source: "THIS_CALL",
            funderName: "",
            year: 1,
            amountCents: 50_000_00,
            status: "REQUESTED",
          },
          {
            source: "SELF_FINANCING",
            funderName: "",
            year: 2,
            amountCents: 50_000_00,
            status: "SECURED",
          },
        ],
      },
    });
    for (const kind of await db().documentKind.findMany({
      where: { callId: call.id, required: true },
    }))
      await addAttachment(owner, id, kind.id, { name: `${kind.code}.pdf`, bytes: PDF });
    const { reference } = await submitApplication(owner, id, { honour: true });

    const list = await listNotifications(owner, ALL, FIRST);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      kind: "dossier.receipt",
      title: `Accusé de réception de votre dossier ${reference}`,
      hasLink: true,
      readAt: null,
    });
    expect(list.items[0]!.summary).toMatch(
      /^Votre dossier de candidature à l'.* a bien été déposé le /,
    );
    expect(await unreadNotificationCount(owner)).toBe(1);
    expect(await openNotification(owner, list.items[0]!.id)).toBe(`/mes-dossiers/${id}`);
    expect(await unreadNotificationCount(owner)).toBe(0);

    expect((await listNotifications(other, ALL, FIRST)).total).toBe(0);
    expect(await unreadNotificationCount(other)).toBe(0);
  });

  it("lists one's own notifications newest first, by pages, unread ones alone on demand; not the account e-mails", async () => {
    const [me, other] = [await applicant(), await applicant()];
    const first = await tell(me, "dossier.message", "message:1");
    await tell(me, "dossier.complement-requested", "complement:1");
    await tell(me, "dossier.message", "message:2");
    await tell(other, "dossier.message", "message:3");
    await tell(me, "account.password-reset", "reset:1", null); // one-time link: e-mail only
    await tell({ email: "sans-compte@test.fr" }, "dossier.message", "message:4"); // no account: nobody's list
    await db().notification.updateMany({
      where: { userId: me.id },
      data: { createdAt: new Date("2026-01-01T10:00:00Z") },
    });
    await db().notification.update({
      where: { id: first.id },
      data: { createdAt: new Date("2025-12-01T10:00:00Z") },
    });
    await db().notification.updateMany({
      where: { key: { startsWith: "message:2|" } },
      data: { createdAt: new Date("2026-01-02T10:00:00Z") },
    });

    expect(await titles(me)).toEqual(["Objet message:2", "Objet complement:1", "Objet message:1"]);
    expect(await unreadNotificationCount(me)).toBe(3);
    const pages = [
      await listNotifications(me, ALL, { page: 1, size: 2, skip: 0 }),
      await listNotifications(me, ALL, { page: 2, size: 2, skip: 2 }),
    ];
    expect(pages.map((p) => [p.total, p.pageCount, p.items.length])).toEqual([
      [3, 2, 2],
      [3, 2, 1],
    ]);
    expect(pages[1]!.items[0]).toMatchObject({
      title: "Objet message:1",
      summary: "Texte de message:1.",
    });

    await markNotificationRead(me, first.id);
    expect(await titles(me, { unread: true })).toEqual(["Objet message:2", "Objet complement:1"]);
    expect(await titles(me)).toHaveLength(3);
    expect(await unreadNotificationCount(me)).toBe(2);
    expect(await titles(other)).toEqual(["Objet message:3"]);
  });

  it("marks one's own notification read once, and all of them; another person's is not found", async () => {
    const [me, other] = [await applicant(), await applicant()];
    const mine = await tell(me, "dossier.message", "message:1");
    const theirs = await tell(other, "dossier.message", "message:2");
    const reset = await tell(me, "account.password-reset", "reset:1", null);
    await tell(me, "dossier.complement-requested", "complement:1");

    await expect(markNotificationRead(me, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(openNotification(me, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(markNotificationRead(me, reset.id)).rejects.toMatchObject({ code: "NOT_FOUND" }); // not in the list
    await expect(markNotificationRead(me, "cl0000000000000000000000")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(
      (await db().notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt,
    ).toBeNull();

    const at = new Date("2026-02-01T09:00:00Z");
    await markNotificationRead(me, mine.id, at);
    await markNotificationRead(me, mine.id, new Date("2026-02-02T09:00:00Z"));
    expect((await db().notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toEqual(
      at,
    ); // first read kept

    expect(await markAllNotificationsRead(me)).toBe(1);
    expect(await unreadNotificationCount(me)).toBe(0);
    expect(await markAllNotificationsRead(me)).toBe(0);
    expect(await unreadNotificationCount(other)).toBe(1);
    expect(
      (await db().notification.findUniqueOrThrow({ where: { id: reset.id } })).readAt,
    ).toBeNull(); // left alone
  });

  it("opens a notification only where it leads on this site", async () => {
    const me = await applicant();
    const here = await tell(
      me,
      "dossier.message",
      "message:1",
      "/mes-dossiers/abc?onglet=messages",
    );
    const none = await tell(me, "dossier.message", "message:2", null);
    expect(await openNotification(me, here.id)).toBe("/mes-dossiers/abc?onglet=messages");
    expect(await openNotification(me, none.id)).toBe("/notifications");
    for (const link of [
      "https://ailleurs.example/piege",
      "//ailleurs.example",
      "/..//ailleurs.example",
      "/\\ailleurs.example",
      "javascript:alert(1)",
    ]) {
      await db().notification.update({ where: { id: here.id }, data: { link } });
      expect(await openNotification(me, here.id), link).toBe("/notifications");
    }
  });
});

describe("e-mail preferences", () => {
  it("turns an optional kind off by e-mail: the next one is not sent but shows in the list; audited", async () => {
    const me = await applicant();
    expect(await emailPreferences(me)).toEqual({
      optOuts: [],
      offered: ["dossier.message", "deadline.deposit"],
    }); // an applicant's kinds
    expect(
      await updateEmailPreferences(me, {
        optOuts: ["dossier.message", "deadline.deposit", "dossier.message"],
      }),
    ).toEqual({ optOuts: ["deadline.deposit", "dossier.message"] });
    expect(await emailPreferences(me)).toMatchObject({
      optOuts: ["deadline.deposit", "dossier.message"],
    });
    const audit = await db().auditEvent.findMany({
      where: { action: "user.emailPreferences", entityId: me.id },
    });
    expect(audit.map((a) => [a.actorId, a.before, a.after])).toEqual([
      [me.id, { emailOptOuts: [] }, { emailOptOuts: ["deadline.deposit", "dossier.message"] }],
    ]);

    const skipped = await tell(me, "dossier.message", "message:1");
    const sent = await tell(me, "dossier.complement-requested", "complement:1"); // mandatory: sent whatever the choice
    expect([skipped.emailStatus, sent.emailStatus]).toEqual(["SKIPPED", "PENDING"]);
    const jobs = await db().$queryRawUnsafe<{ key: string }[]>(
      "SELECT key FROM graphile_worker.jobs WHERE task_identifier = 'notification.deliver'",
    );
    expect(jobs.map((j) => j.key)).toEqual([`notification:${sent.id}`]); // one e-mail to send: the mandatory one
    expect(await titles(me)).toEqual(
      expect.arrayContaining(["Objet message:1", "Objet complement:1"]),
    );
    expect(await unreadNotificationCount(me)).toBe(2);

    // Turned on again, the kind is e-mailed again; saving the same choice twice records nothing.
    await updateEmailPreferences(me, { optOuts: ["deadline.deposit"] });
    await updateEmailPreferences(me, { optOuts: ["deadline.deposit"] });
    expect((await tell(me, "dossier.message", "message:2")).emailStatus).toBe("PENDING");
    expect(await db().auditEvent.count({ where: { action: "user.emailPreferences" } })).toBe(2);
  });

  it("refuses to turn off a mandatory kind, or an unknown one, and leaves the choice as it was", async () => {
    const me = await applicant();
    await updateEmailPreferences(me, { optOuts: ["region.finalized"] });
    await expect(
      updateEmailPreferences(me, { optOuts: ["decision.published"] }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        optOuts: [
          "« Décision sur un dossier » est toujours envoyé par e-mail : ce message ne peut pas être désactivé.",
        ],
      },
    });
    await expect(
      updateEmailPreferences(me, { optOuts: ["dossier.message", "account.password-reset"] }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(updateEmailPreferences(me, { optOuts: ["pas.un.type"] })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(updateEmailPreferences(me, { optOuts: "dossier.message" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    // A kind turned off or received is offered too, whatever the roles say.
    expect(await emailPreferences(me)).toEqual({
      optOuts: ["region.finalized"],
      offered: ["dossier.message", "deadline.deposit", "region.finalized"],
    });
    await tell(me, "convention.signed", "signed:1");
    expect((await emailPreferences(me)).offered).toEqual([
      "dossier.message",
      "deadline.deposit",
      "region.finalized",
      "convention.signed",
    ]);
    // A mandatory kind slipped into the column by other means is still e-mailed (notify() reads the kind's rule).
    await db().user.update({
      where: { id: me.id },
      data: { emailOptOuts: ["decision.published"] },
    });
    expect((await tell(me, "decision.published", "decision:1")).emailStatus).toBe("PENDING");
  });
});
