import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerComplementRequest, expireComplementRequests } from "@/lib/applications/mutations";
import type { Actor } from "@/lib/auth/policy";
import { prepareConvention, sendConvention } from "@/lib/conventions/mutations";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { runSchedule } from "@/lib/jobs/schedules";
import { startWorker } from "@/lib/jobs/worker";
import { checkAdmissibility, declareConflict } from "@/lib/regional/mutations";
import {
  remindDepositDeadline,
  remindEvaluationDeadline,
  remindRegionalDeadline,
  remindSignatureDeadline,
} from "@/lib/reminders/mutations";
import { addDays, parisEndOfDay, parisTimeToUtc } from "@/lib/time";
import { makeActor, makeApplication, makeCall } from "../fixtures/factories";
import { settleJobs } from "../fixtures/jobs";
import { makeDecidedCall, makePublishedLaureate } from "../fixtures/laureates";
import { startSmtp } from "../fixtures/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

/** 08:00 in Paris on each day from `from` to `to`: the days on which `remind` wrote notifications, with how many. */
async function reminderDays(
  remind: (now: Date) => Promise<{ notified: number }>,
  from: string,
  to: string,
) {
  const days: [string, number][] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const { notified } = await remind(parisTimeToUtc(day, "08:00"));
    if (notified) days.push([day, notified]);
  }
  return days;
}

const notificationsOf = (kind: string) =>
  db().notification.findMany({
    where: { kind },
    orderBy: [{ createdAt: "asc" }, { email: "asc" }],
  });

async function acceptedCoEditor(applicationId: string): Promise<Actor> {
  const coEditor = await makeActor([{ role: "APPLICANT", regionCode: null }], "Co-rédactrice");
  await db().applicationCollaborator.create({
    data: { applicationId, userId: coEditor.id, email: coEditor.email, acceptedAt: new Date() },
  });
  // Invited but not yet accepted: not reminded.
  await db().applicationCollaborator.create({
    data: { applicationId, email: `invitation-${applicationId}@test.fr` },
  });
  return coEditor;
}

/** An open call due on 3 April 2027 (Paris summer time starts on 28 March), a draft with a co-editor, and what is not reminded. */
async function depositSetting() {
  const { call } = await makeCall();
  const deadlineAt = parisEndOfDay("2027-04-03");
  await db().call.update({ where: { id: call.id }, data: { phase: "OPEN", deadlineAt } });
  const owner = await makeActor([{ role: "APPLICANT", regionCode: null }], "Titulaire");
  const draft = await makeApplication({ callId: call.id, owner, status: "DRAFT" });
  await db().application.update({
    where: { id: draft.id },
    data: { title: "Atelier partagé du Bocage" },
  });
  const coEditor = await acceptedCoEditor(draft.id);
  // Already submitted, or a draft of a call in preparation: no reminder.
  await makeApplication({
    callId: call.id,
    owner: await makeActor([{ role: "APPLICANT", regionCode: null }]),
    status: "SUBMITTED",
  });
  const { call: other } = await makeCall();
  await db().call.update({ where: { id: other.id }, data: { deadlineAt } });
  await makeApplication({
    callId: other.id,
    owner: await makeActor([{ role: "APPLICANT", regionCode: null }]),
    status: "DRAFT",
  });
  return { call, draft, owner, coEditor };
}

describe("deposit deadline", () => {
  it("reminds the owner and the accepted co-editors 7 days and 1 day before, in Paris days across the change to summer time, with the e-mail's text", async () => {
    const s = await depositSetting();
    await smtp.clear(); // once what the setting queued is sent
    expect(await reminderDays(remindDepositDeadline, "2027-03-20", "2027-04-05")).toEqual([
      ["2027-03-27", 2],
      ["2027-04-02", 2],
    ]);
    const sent = await notificationsOf("deadline.deposit");
    expect(sent.map((n) => n.key).sort()).toEqual(
      [
        `deadline.deposit:${s.draft.id}:2027-04-03:7|${s.owner.email}`,
        `deadline.deposit:${s.draft.id}:2027-04-03:7|${s.coEditor.email}`,
        `deadline.deposit:${s.draft.id}:2027-04-03:1|${s.owner.email}`,
        `deadline.deposit:${s.draft.id}:2027-04-03:1|${s.coEditor.email}`,
      ].sort(),
    );
    expect(
      sent.every(
        (n) =>
          n.applicationId === s.draft.id &&
          n.callId === s.call.id &&
          n.link === `/mes-dossiers/${s.draft.id}`,
      ),
    ).toBe(true);
    await settleJobs();
    expect((await notificationsOf("deadline.deposit")).map((n) => n.emailStatus)).toEqual([
      "SENT",
      "SENT",
      "SENT",
      "SENT",
    ]);
    const mail = await smtp.next(s.owner.email);
    expect(mail.headers.subject).toMatch(
      /^Rappel : votre dossier n'est pas encore déposé \(date limite (dans 7 jours|demain)\) - AMI PTCE$/,
    );
    const week = sent.find((n) => n.key.endsWith(`:7|${s.owner.email}`))!;
    expect(week.text).toContain("Votre dossier « Atelier partagé du Bocage » pour l'appel");
    expect(week.text).toContain(
      "La date limite de dépôt est le 3 avril 2027 à 23 h 59 (heure de Paris), dans 7 jours.",
    );
    expect(week.text).toContain(`https://ptce.test/mes-dossiers/${s.draft.id}`);
    const eve = sent.find((n) => n.key.endsWith(`:1|${s.coEditor.email}`))!;
    expect(eve.subject).toBe(
      "Rappel : votre dossier n'est pas encore déposé (date limite demain) - AMI PTCE",
    );
    expect(eve.text).toContain("Seul le titulaire du dossier peut le déposer");
  });

  it("a draft found late gets the tightest reminder reached, once; a moved deadline is reminded again", async () => {
    const s = await depositSetting();
    expect(await reminderDays(remindDepositDeadline, "2027-03-30", "2027-04-05")).toEqual([
      ["2027-03-30", 2],
      ["2027-04-02", 2],
    ]);
    expect(
      (await notificationsOf("deadline.deposit")).find((n) => n.email === s.owner.email)!.text,
    ).toContain("(heure de Paris), dans 4 jours.");
    await db().call.update({
      where: { id: s.call.id },
      data: { deadlineAt: parisEndOfDay("2027-04-10") },
    });
    expect(await reminderDays(remindDepositDeadline, "2027-04-03", "2027-04-12")).toEqual([
      ["2027-04-03", 2],
      ["2027-04-09", 2],
    ]);
  });

  it("runs only at 08:00 in Paris: fired at 06:00 and 07:00 UTC, it is the 07:00 run in winter and the 06:00 run in summer", async () => {
    await depositSetting();
    const count = async () => db().notification.count({ where: { kind: "deadline.deposit" } });
    const fired: string[] = [];
    for (let day = "2027-03-25"; day <= "2027-04-03"; day = addDays(day, 1)) {
      for (const hour of ["06", "07"]) {
        const before = await count();
        await runSchedule("schedule:daily-reminders", new Date(`${day}T${hour}:00:00Z`));
        if ((await count()) > before) fired.push(`${day}T${hour}`);
      }
    }
    // 27 March: winter time (UTC+1); 2 April: summer time (UTC+2).
    expect(fired).toEqual(["2027-03-27T07", "2027-04-02T06"]);
  });

  it("never twice: run again, at once, or by two workers each taking the schedule's job", async () => {
    const s = await depositSetting();
    const now = parisTimeToUtc("2027-03-27", "08:00");
    expect((await remindDepositDeadline(now)).notified).toBe(2);
    expect((await remindDepositDeadline(now)).notified).toBe(0);
    // The day before's reminder, by two workers and concurrent runs.
    const eve = new Date("2027-04-02T06:00:00Z"); // 08:00 in Paris, summer time
    // With their crontab, as in production (its times are not reached during the test).
    const workers = await Promise.all([
      startWorker({ pollInterval: 100 }),
      startWorker({ pollInterval: 100 }),
    ]);
    try {
      const payload = JSON.stringify({ _cron: { ts: eve.toISOString(), backfilled: false } });
      for (let i = 0; i < 4; i++)
        await db().$executeRaw(
          Prisma.sql`SELECT graphile_worker.add_job('schedule:daily-reminders', ${payload}::json)`,
        );
      const direct = await Promise.all([remindDepositDeadline(eve), remindDepositDeadline(eve)]);
      await settleJobs();
      const all = await notificationsOf("deadline.deposit");
      expect(all).toHaveLength(4); // two reminders (7 days, 1 day) to two people
      expect(direct.reduce((n, r) => n + r.notified, 0)).toBeLessThanOrEqual(2);
      expect(
        all
          .filter((n) => n.key.includes(":1|"))
          .map((n) => n.email)
          .sort(),
      ).toEqual([s.owner.email, s.coEditor.email].sort());
      expect(all.every((n) => n.emailStatus === "SENT" && n.attempts === 1)).toBe(true);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });
});

/** A call in regional review due on 5 November 2027 (back to winter time on 31 October) in Brittany and Occitanie. */
async function regionalSetting() {
  const { call } = await makeCall();
  await db().call.update({
    where: { id: call.id },
    data: { phase: "REGIONAL_REVIEW", regionalDeadlineAt: parisEndOfDay("2027-11-05") },
  });
  const [
    coordinator,
    evaluator,
    done,
    withdrawn,
    otherCoordinator,
    otherEvaluator,
    idfCoordinator,
  ] = await Promise.all([
    makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }], "Coordinatrice Bretagne"),
    makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }], "Évaluatrice en retard"),
    makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }], "Évaluateur à jour"),
    makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }], "Évaluateur retiré"),
    makeActor([{ role: "CRA_COORDINATOR", regionCode: "76" }], "Coordinateur Occitanie"),
    makeActor([{ role: "CRA_EVALUATOR", regionCode: "76" }], "Évaluateur Occitanie"),
    makeActor([{ role: "CRA_COORDINATOR", regionCode: "11" }], "Coordinateur Île-de-France"),
  ]);
  const applicant = await makeActor([{ role: "APPLICANT", regionCode: null }]);
  const breton = await Promise.all(
    [1, 2].map(() =>
      makeApplication({
        callId: call.id,
        owner: applicant,
        regionCode: "53",
        status: "UNDER_REVIEW",
      }),
    ),
  );
  const occitan = await makeApplication({
    callId: call.id,
    owner: applicant,
    regionCode: "76",
    status: "UNDER_REVIEW",
  });
  // Île-de-France: a withdrawn dossier only, nothing to finalise.
  await makeApplication({
    callId: call.id,
    owner: applicant,
    regionCode: "11",
    status: "WITHDRAWN",
  });
  const assign = (applicationId: string, evaluatorId: string, withdrawnAt: Date | null = null) =>
    db().evaluatorAssignment.create({
      data: { applicationId, evaluatorId, assignedById: coordinator.id, withdrawnAt },
    });
  for (const a of breton) await assign(a.id, evaluator.id);
  await assign(breton[0]!.id, done.id);
  await db().evaluation.create({
    data: {
      applicationId: breton[0]!.id,
      evaluatorId: done.id,
      status: "SUBMITTED",
      submittedAt: new Date(),
    },
  });
  await assign(breton[1]!.id, withdrawn.id, new Date());
  await assign(occitan.id, otherEvaluator.id);
  await db().regionalReview.create({
    data: {
      callId: call.id,
      regionCode: "76",
      status: "FINALIZED",
      finalizedAt: new Date(),
      finalizedById: otherCoordinator.id,
    },
  });
  return {
    call,
    coordinator,
    evaluator,
    done,
    withdrawn,
    otherCoordinator,
    otherEvaluator,
    idfCoordinator,
  };
}

describe("regional deadline", () => {
  it("reminds the evaluators of what they have not submitted, 7 and 2 days before, in a region still at work", async () => {
    const s = await regionalSetting();
    expect(await reminderDays(remindEvaluationDeadline, "2027-10-25", "2027-11-06")).toEqual([
      ["2027-10-29", 1],
      ["2027-11-03", 1],
    ]);
    const sent = await notificationsOf("deadline.evaluation");
    expect(sent.map((n) => n.email)).toEqual([s.evaluator.email, s.evaluator.email]);
    expect(sent[0]!.subject).toBe(
      "Rappel : 2 évaluations à rendre (date limite dans 7 jours) - AMI PTCE",
    );
    expect(sent[1]!.text).toContain("2 dossiers qui vous sont confiés attendent votre évaluation");
    expect(sent[1]!.text).toContain(
      "au plus tard le 5 novembre 2027 à 23 h 59 (heure de Paris), dans 2 jours.",
    );
    expect(sent[1]!.link).toBe(`/cra?appel=${s.call.slug}&mes=1`);
  });

  it("reminds the coordinators of the regions not finalised, 7 days and 1 day before", async () => {
    const s = await regionalSetting();
    expect(await reminderDays(remindRegionalDeadline, "2027-10-25", "2027-11-06")).toEqual([
      ["2027-10-29", 1],
      ["2027-11-04", 1],
    ]);
    const sent = await notificationsOf("deadline.regional");
    expect(sent.map((n) => n.email)).toEqual([s.coordinator.email, s.coordinator.email]);
    expect(sent[1]!.subject).toBe(
      "Rappel : résultats de la région Bretagne à finaliser (date limite demain) - AMI PTCE",
    );
    expect(sent[1]!.text).toContain(
      "Ils sont attendus par la cellule nationale au plus tard le 5 novembre 2027 à 23 h 59 (heure de Paris), demain.",
    );
    expect(sent[1]!.link).toBe(`/cra?appel=${s.call.slug}&region=53`);
    await smtp.clear(); // the reminders sent before what follows
    // Brittany finalises: no more reminder, even for a later deadline.
    await db().regionalReview.create({
      data: {
        callId: s.call.id,
        regionCode: "53",
        status: "FINALIZED",
        finalizedAt: new Date(),
        finalizedById: s.coordinator.id,
      },
    });
    await db().call.update({
      where: { id: s.call.id },
      data: { regionalDeadlineAt: parisEndOfDay("2027-11-20") },
    });
    expect(await reminderDays(remindRegionalDeadline, "2027-11-10", "2027-11-21")).toEqual([]);
    expect(await reminderDays(remindEvaluationDeadline, "2027-11-10", "2027-11-21")).toEqual([]);
  });
});

describe("signing deadline of a convention", () => {
  it("reminds the laureate 7 days and 1 day before (the last one on the day summer time ends), until it is signed", async () => {
    const { call } = await makeDecidedCall();
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const { owner, application } = await makePublishedLaureate({ callId: call.id });
    const coEditor = await acceptedCoEditor(application.id);
    const { id } = await prepareConvention(cna, application.id);
    await settleJobs(); // the convention's PDF
    const { signatureDueAt } = await sendConvention(cna, id, parisTimeToUtc("2027-10-02", "10:00"));
    expect(signatureDueAt).toEqual(parisEndOfDay("2027-11-01"));
    expect(await reminderDays(remindSignatureDeadline, "2027-10-20", "2027-11-02")).toEqual([
      ["2027-10-25", 2],
      ["2027-10-31", 2],
    ]);
    const sent = await notificationsOf("convention.signature-reminder");
    expect(new Set(sent.map((n) => n.email))).toEqual(new Set([owner.email, coEditor.email]));
    const last = sent.find((n) => n.key.endsWith(`:1|${owner.email}`))!;
    expect(last.subject).toMatch(
      /^Rappel : convention PTCE-2025-\d{3} à signer \(date limite demain\) - AMI PTCE$/,
    );
    expect(last.text).toContain(
      "Elle est attendue au plus tard le 1 novembre 2027 à 23 h 59 (heure de Paris), demain.",
    );
    await smtp.clear(); // the reminders sent before they are deleted
    await db().notification.deleteMany({ where: { kind: "convention.signature-reminder" } });
    await db().convention.update({
      where: { id },
      data: { status: "SIGNED_BY_POLE", signedByPoleAt: new Date() },
    });
    expect(await reminderDays(remindSignatureDeadline, "2027-10-20", "2027-11-02")).toEqual([]);
  });
});

describe("expiry of a request for missing documents", () => {
  async function complementSetting() {
    const { call } = await makeCall();
    await db().call.update({ where: { id: call.id }, data: { phase: "REGIONAL_REVIEW" } });
    const [coordinator, otherCoordinator, owner] = await Promise.all([
      makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }], "Coordinatrice qui demande"),
      makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }], "Autre coordinateur"),
      makeActor([{ role: "APPLICANT", regionCode: null }], "Titulaire"),
    ]);
    const dossier = await makeApplication({ callId: call.id, owner, regionCode: "53" });
    await db().application.update({
      where: { id: dossier.id },
      data: { reference: "AMI2027-BRE-004" },
    });
    const coEditor = await acceptedCoEditor(dossier.id);
    await declareConflict(coordinator, dossier.id, { hasConflict: false });
    // Due on 28 March 2027, the day summer time starts: 23:59:59 in Paris is 21:59:59 UTC.
    await checkAdmissibility(
      coordinator,
      dossier.id,
      {
        decision: "INCOMPLETE",
        message: "Le RIB manque.",
        documentCodes: ["rib"],
        dueDate: "2027-03-28",
      },
      parisTimeToUtc("2027-03-20", "10:00"),
    );
    const request = await db().complementRequest.findFirstOrThrow({
      where: { applicationId: dossier.id },
    });
    expect(request.dueAt).toEqual(new Date("2027-03-28T21:59:59Z"));
    return { dossier, request, coordinator, otherCoordinator, owner, coEditor };
  }

  it("expires once at its due date, takes the dossier back to the cell, tells the applicant and the cell once; an answer is then refused", async () => {
    const s = await complementSetting();
    await smtp.clear(); // once what the setting queued is sent
    expect(await expireComplementRequests(new Date("2027-03-28T21:45:00Z"))).toEqual({
      expired: 0,
      notified: 0,
    });
    // Past due but not yet expired by the schedule: the answer is already refused.
    await expect(
      answerComplementRequest(
        s.owner,
        s.request.id,
        { answer: "" },
        new Date("2027-03-28T22:05:00Z"),
      ),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("Le délai pour répondre est dépassé"),
    });
    const at = new Date("2027-03-28T22:00:00Z");
    const runs = await Promise.all([expireComplementRequests(at), expireComplementRequests(at)]);
    expect(runs.reduce((n, r) => n + r.expired, 0)).toBe(1);
    expect(runs.reduce((n, r) => n + r.notified, 0)).toBe(4);
    expect(await expireComplementRequests(new Date("2027-03-28T22:15:00Z"))).toEqual({
      expired: 0,
      notified: 0,
    });

    expect(
      (await db().complementRequest.findUniqueOrThrow({ where: { id: s.request.id } })).status,
    ).toBe("EXPIRED");
    expect((await db().application.findUniqueOrThrow({ where: { id: s.dossier.id } })).status).toBe(
      "SUBMITTED",
    );
    const changes = await db().statusChange.findMany({
      where: { applicationId: s.dossier.id, from: "COMPLEMENT_REQUESTED" },
    });
    expect(changes).toMatchObject([
      {
        to: "SUBMITTED",
        actorId: null,
        note: "Pièces complémentaires non reçues dans le délai : demande close",
      },
    ]);
    expect(
      await db().auditEvent.count({
        where: { action: "complement.expire", entityId: s.dossier.id },
      }),
    ).toBe(1);

    const told = await notificationsOf("dossier.complement-expired");
    expect(told.map((n) => n.email).sort()).toEqual(
      [s.owner.email, s.coEditor.email, s.coordinator.email, s.otherCoordinator.email].sort(),
    );
    await settleJobs();
    const applicantMail = await smtp.next(s.owner.email);
    expect(applicantMail.headers.subject).toBe(
      "Délai dépassé pour les pièces complémentaires (AMI2027-BRE-004) - AMI PTCE",
    );
    expect(applicantMail.body).toContain(
      "n'ont pas été reçues avant le 28 mars 2027 à 23 h 59 (heure de Paris) : la demande est close",
    );
    const cellMail = await smtp.next(s.coordinator.email);
    expect(cellMail.headers.subject).toBe(
      "Pièces complémentaires non reçues (AMI2027-BRE-004) - AMI PTCE",
    );
    expect(cellMail.body).toContain(`https://ptce.test/cra/dossiers/${s.dossier.id}`);

    // Answered after the expiry: refused, nothing changes.
    await expect(
      answerComplementRequest(
        s.owner,
        s.request.id,
        { answer: "Le voici." },
        new Date("2027-03-29T08:00:00Z"),
      ),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("est dépassé depuis le"),
    });
    expect(
      await db().complementRequest.findUniqueOrThrow({ where: { id: s.request.id } }),
    ).toMatchObject({ status: "EXPIRED", answeredAt: null, answer: null });
  });

  it("a request of a dossier withdrawn meanwhile is closed without telling anyone", async () => {
    const s = await complementSetting();
    await db().application.update({ where: { id: s.dossier.id }, data: { status: "WITHDRAWN" } });
    expect(await expireComplementRequests(new Date("2027-03-29T00:00:00Z"))).toEqual({
      expired: 1,
      notified: 0,
    });
    expect(
      (await db().complementRequest.findUniqueOrThrow({ where: { id: s.request.id } })).status,
    ).toBe("EXPIRED");
    expect((await db().application.findUniqueOrThrow({ where: { id: s.dossier.id } })).status).toBe(
      "WITHDRAWN",
    );
  });
});
