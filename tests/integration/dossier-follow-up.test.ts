import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getApplication, listMessages } from "@/lib/applications/data";
import {
  acceptInvitation,
  addComplementDocument,
  answerComplementRequest,
  createApplication,
  inviteCoEditor,
  postMessage,
  removeCoEditor,
  withdrawApplication,
} from "@/lib/applications/mutations";
import { db } from "@/lib/db";
import { makeActor, makeApplicantWithPole, makeOpenCall } from "../fixtures/factories";
import { PDF } from "../fixtures/files";
import { startSmtp } from "../fixtures/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

async function submittedDossier() {
  const { call } = await makeOpenCall();
  const { applicant } = await makeApplicantWithPole();
  const { id } = await createApplication(applicant, call.id);
  await db().application.update({
    where: { id },
    data: { status: "SUBMITTED", submittedAt: new Date(), reference: "AMI2026-BRE-042" },
  });
  return { applicant, id };
}

describe("withdrawal", () => {
  it("the owner withdraws with a reason, kept in the history; nobody else can", async () => {
    const { applicant, id } = await submittedDossier();
    const other = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await expect(withdrawApplication(other, id, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(withdrawApplication(cna, id, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    await withdrawApplication(applicant, id, { reason: "Le projet est reporté." });
    const { application, canWithdraw } = await getApplication(applicant, id);
    expect(application.status).toBe("WITHDRAWN");
    expect(application.statusChanges.at(-1)).toMatchObject({
      from: "SUBMITTED",
      to: "WITHDRAWN",
      note: "Le projet est reporté.",
    });
    expect(canWithdraw).toBe(false);
    await expect(withdrawApplication(applicant, id, {})).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("messages", () => {
  it("the applicant writes to the instruction team; the region's coordinator is told and answers; the applicant is told", async () => {
    const { applicant, id } = await submittedDossier();
    const coordinator = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
    await postMessage(applicant, id, {
      body: "Notre budget a évolué : puis-je vous envoyer une mise à jour ?",
    });
    expect((await smtp.next(coordinator.email)).headers.subject).toBe(
      "Nouveau message sur le dossier AMI2026-BRE-042 - AMI PTCE",
    );
    await db().conflictDeclaration.create({
      data: { applicationId: id, userId: coordinator.id, hasConflict: false },
    });
    await postMessage(coordinator, id, { body: "Oui, par la voie des pièces complémentaires." });
    const mail = await smtp.next(applicant.email);
    expect(mail.body).not.toContain("pièces complémentaires"); // the content stays behind the sign-in
    const thread = await listMessages(applicant, id);
    expect(thread.map((m) => [m.fromInstruction, m.body.slice(0, 10)])).toEqual([
      [false, "Notre budg"],
      [true, "Oui, par l"],
    ]);
  });

  it("refuses an empty message, and those who may not read the dossier", async () => {
    const { applicant, id } = await submittedDossier();
    await expect(postMessage(applicant, id, { body: "   " })).rejects.toMatchObject({
      fieldErrors: { body: ["Écrivez votre message."] },
    });
    const occitanie = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "76" }]);
    await expect(postMessage(occitanie, id, { body: "Bonjour" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(listMessages(occitanie, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const undeclared = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
    await expect(listMessages(undeclared, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("co-editors", () => {
  it("the owner invites a person by e-mail, who accepts once signed in with that address and can then edit the draft", async () => {
    const { call } = await makeOpenCall();
    const { applicant } = await makeApplicantWithPole();
    const { id } = await createApplication(applicant, call.id);
    const colleague = await makeActor([{ role: "APPLICANT", regionCode: null }], "Collègue");
    const stranger = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await inviteCoEditor(applicant, id, { email: colleague.email.toUpperCase() });
    const mail = await smtp.next(colleague.email);
    const invitationId = /\/mes-dossiers\/invitations\/([\w-]+)/.exec(mail.body)![1]!;
    await expect(inviteCoEditor(applicant, id, { email: colleague.email })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(getApplication(colleague, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(acceptInvitation(stranger, invitationId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(inviteCoEditor(colleague, id, { email: stranger.email })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await acceptInvitation(colleague, invitationId);
    const { canEdit, canWithdraw, canInvite } = await getApplication(colleague, id);
    expect({ canEdit, canWithdraw, canInvite }).toEqual({
      canEdit: true,
      canWithdraw: false,
      canInvite: false,
    });
    const invitation = await db().applicationCollaborator.findUniqueOrThrow({
      where: { id: invitationId },
    });
    await removeCoEditor(applicant, invitation.id);
    await expect(getApplication(colleague, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("missing documents (pièces complémentaires)", () => {
  async function asked(dueInDays = 10) {
    const { applicant, id } = await submittedDossier();
    const coordinator = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
    await db().application.update({ where: { id }, data: { status: "COMPLEMENT_REQUESTED" } });
    const request = await db().complementRequest.create({
      data: {
        applicationId: id,
        requestedById: coordinator.id,
        message: "Le RIB est illisible : merci d'en joindre un nouveau.",
        documentCodes: ["rib"],
        dueAt: new Date(Date.now() + dueInDays * 86_400_000),
      },
    });
    const rib = await db().documentKind.findFirstOrThrow({
      where: { code: "rib", call: { applications: { some: { id } } } },
    });
    const statuts = await db().documentKind.findFirstOrThrow({
      where: { code: "statuts", call: { applications: { some: { id } } } },
    });
    return { applicant, id, coordinator, request, rib, statuts };
  }

  it("the applicant answers with just the requested documents; the dossier returns to the regional cell, which is told", async () => {
    const { applicant, id, coordinator, request, rib, statuts } = await asked();
    await expect(
      addComplementDocument(applicant, request.id, statuts.id, { name: "statuts.pdf", bytes: PDF }),
    ).rejects.toMatchObject({ message: "Cette pièce n'est pas demandée." });
    await expect(answerComplementRequest(applicant, request.id, {})).rejects.toMatchObject({
      message: "Joignez d'abord : « Relevé d'identité bancaire (RIB) ».",
    });
    await addComplementDocument(applicant, request.id, rib.id, { name: "rib.pdf", bytes: PDF });
    await answerComplementRequest(applicant, request.id, { answer: "Voici le nouveau RIB." });
    expect(
      await db().complementRequest.findUniqueOrThrow({ where: { id: request.id } }),
    ).toMatchObject({ status: "ANSWERED", answer: "Voici le nouveau RIB." });
    expect((await db().application.findUniqueOrThrow({ where: { id } })).status).toBe("SUBMITTED");
    expect((await smtp.next(coordinator.email)).headers.subject).toBe(
      "Pièces complémentaires reçues pour le dossier AMI2026-BRE-042 - AMI PTCE",
    );
    await expect(answerComplementRequest(applicant, request.id, {})).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("refuses an answer after the due date, and from anyone but the applicant side", async () => {
    const { applicant, request, rib } = await asked(-1);
    await expect(
      addComplementDocument(applicant, request.id, rib.id, { name: "rib.pdf", bytes: PDF }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("Le délai pour répondre est dépassé"),
    });
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await expect(answerComplementRequest(cna, request.id, {})).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
