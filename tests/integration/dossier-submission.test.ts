import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getApplication, readAttachment, receiptOf } from "@/lib/applications/data";
import { draftOf } from "@/lib/applications/draft";
import {
  addAttachment,
  createApplication,
  removeAttachment,
  saveDraft,
  submitApplication,
} from "@/lib/applications/mutations";
import { snapshotMatchesHash } from "@/lib/applications/submission";
import { db } from "@/lib/db";
import { makeActor, makeApplicantWithPole, makeOpenCall } from "../fixtures/factories";
import { HTML_AS_PDF, PDF, PNG } from "../fixtures/files";
import { startSmtp } from "../fixtures/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

async function completeDossier(
  overrides: { requested?: number; extraExpense?: number; callId?: string; poleName?: string } = {},
) {
  const call = await db().call.findUniqueOrThrow({
    where: { id: overrides.callId ?? (await makeOpenCall()).call.id },
  });
  const { applicant } = await makeApplicantWithPole(
    overrides.poleName ? { name: overrides.poleName } : {},
  );
  const { id } = await createApplication(applicant, call.id);
  const { application } = await getApplication(applicant, id);
  const draft = draftOf(application);
  const requested = overrides.requested ?? 50_000_00;
  await saveDraft(applicant, id, {
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
        { label: "Emplois créés", unit: "ETP", baseline: "0", targetYear1: "2", targetYear2: "4" },
      ],
      expenses: [
        { category: "PERSONNEL", label: "Coordination", year: 1, amountCents: 60_000_00 },
        {
          category: "PERSONNEL",
          label: "Coordination",
          year: 2,
          amountCents: 40_000_00 + (overrides.extraExpense ?? 0),
        },
      ],
      fundings: [
        {
          source: "THIS_CALL",
          funderName: "",
          year: 1,
          amountCents: requested,
          status: "REQUESTED",
        },
        {
          source: "SELF_FINANCING",
          funderName: "",
          year: 2,
          amountCents: 100_000_00 - requested,
          status: "SECURED",
        },
      ],
    },
  });
  const kinds = await db().documentKind.findMany({ where: { callId: call.id, required: true } });
  for (const kind of kinds)
    await addAttachment(applicant, id, kind.id, { name: `${kind.code}.pdf`, bytes: PDF });
  return { call, applicant, id };
}

describe("submission", () => {
  it("gives a reference, freezes the content with its fingerprint and e-mails the receipt PDF", async () => {
    const { applicant, id, call } = await completeDossier();
    const submitted = await submitApplication(applicant, id, { honour: true });
    expect(submitted.reference).toBe(`AMI${call.year}-BRE-001`);
    const saved = await db().application.findUniqueOrThrow({
      where: { id },
      include: { statusChanges: true },
    });
    expect(saved).toMatchObject({ status: "SUBMITTED", amountRequestedCents: 50_000_00 });
    expect(saved.submittedHash).toMatch(/^[0-9a-f]{64}$/);
    // The frozen content, read back from PostgreSQL, still gives the fingerprint of the receipt.
    expect(snapshotMatchesHash(saved.snapshot, saved.submittedHash!)).toBe(true);
    expect(saved.snapshot).toMatchObject({
      reference: submitted.reference,
      declarationOnHonour: true,
      pole: { name: "Pôle Coopératif du Bocage", regionName: "Bretagne" },
    });
    expect(saved.statusChanges.map((c) => c.to)).toEqual(["DRAFT", "SUBMITTED"]);

    const mail = await smtp.next(applicant.email);
    expect(mail.headers.subject).toBe(
      `Accusé de réception de votre dossier AMI${call.year}-BRE-001 - AMI PTCE`,
    );
    const attachment = mail.attachments?.find((a) => a.contentType === "application/pdf");
    expect(attachment?.content.subarray(0, 5).toString()).toBe("%PDF-");
    const { pdf } = await receiptOf(applicant, id);
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("is idempotent: a double click makes one submission and one reference", async () => {
    const { applicant, id } = await completeDossier();
    const [a, b] = await Promise.all([
      submitApplication(applicant, id, { honour: true }),
      submitApplication(applicant, id, { honour: true }),
    ]);
    expect(a.reference).toBe(b.reference);
    expect(await db().statusChange.count({ where: { applicationId: id, to: "SUBMITTED" } })).toBe(
      1,
    );
    expect(
      await db().auditEvent.count({ where: { action: "application.submit", entityId: id } }),
    ).toBe(1);
  });

  it("numbers the dossiers of a region in order", async () => {
    const first = await completeDossier();
    const second = await completeDossier({ callId: first.call.id, poleName: "Second pôle" });
    expect((await submitApplication(second.applicant, second.id, { honour: true })).reference).toBe(
      `AMI${first.call.year}-BRE-001`,
    );
    expect((await submitApplication(first.applicant, first.id, { honour: true })).reference).toBe(
      `AMI${first.call.year}-BRE-002`,
    );
  });

  it("keeps references unique when two calls share a year", async () => {
    const first = await completeDossier();
    const other = await completeDossier({ poleName: "Pôle d'un autre appel" }); // a second call open the same year
    expect(other.call.year).toBe(first.call.year);
    expect((await submitApplication(first.applicant, first.id, { honour: true })).reference).toBe(
      `AMI${first.call.year}-BRE-001`,
    );
    expect((await submitApplication(other.applicant, other.id, { honour: true })).reference).toBe(
      `AMI${first.call.year}-BRE-002`,
    );
  });

  it("refuses an amount outside the call's bounds, an unbalanced budget and a missing document, saying what is wrong", async () => {
    const outOfBounds = await completeDossier({ requested: 90_000_00 });
    await expect(
      submitApplication(outOfBounds.applicant, outOfBounds.id, { honour: true }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/doit être compris entre 30\s000\s€ et 80\s000\s€/),
    });
    const unbalanced = await completeDossier({ extraExpense: 5_000_00 });
    await expect(
      submitApplication(unbalanced.applicant, unbalanced.id, { honour: true }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("Le budget n'est pas équilibré"),
    });
    const missing = await completeDossier();
    const rib = await db().attachment.findFirstOrThrow({
      where: { applicationId: missing.id, documentKind: { code: "rib" } },
    });
    await removeAttachment(missing.applicant, rib.id);
    await expect(
      submitApplication(missing.applicant, missing.id, { honour: true }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("Joignez la pièce « Relevé d'identité bancaire (RIB) »."),
    });
    await expect(
      submitApplication(missing.applicant, missing.id, { honour: true }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("refuses without the declaration on honour, after the deadline, for a co-editor and for another applicant", async () => {
    const { applicant, id, call } = await completeDossier();
    const coEditor = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await db().applicationCollaborator.create({
      data: {
        applicationId: id,
        email: coEditor.email,
        userId: coEditor.id,
        acceptedAt: new Date(),
      },
    });
    await expect(submitApplication(coEditor, id, { honour: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(submitApplication(applicant, id, { honour: false })).rejects.toMatchObject({
      fieldErrors: { honour: ["Cochez la déclaration sur l'honneur."] },
    });
    await expect(
      submitApplication(
        applicant,
        id,
        { honour: true },
        new Date(call.deadlineAt.getTime() + 1000),
      ),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("La date limite de dépôt est passée"),
    });
    const other = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await expect(submitApplication(other, id, { honour: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("attachments", () => {
  it("are checked by their content: a renamed HTML file, an empty file and an oversized one are refused", async () => {
    const { applicant, id, call } = await completeDossier();
    const kind = await db().documentKind.findFirstOrThrow({
      where: { callId: call.id, code: "statuts" },
    });
    await expect(
      addAttachment(applicant, id, kind.id, { name: "statuts.pdf", bytes: HTML_AS_PDF }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("Ce type de fichier n'est pas accepté"),
    });
    await expect(
      addAttachment(applicant, id, kind.id, { name: "vide.pdf", bytes: Buffer.alloc(0) }),
    ).rejects.toMatchObject({ message: "Le fichier est vide." });
    await expect(
      addAttachment(applicant, id, kind.id, {
        name: "gros.pdf",
        bytes: Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]),
      }),
    ).rejects.toMatchObject({ message: "Le fichier dépasse la taille maximale de 10 Mo." });
    const png = await addAttachment(applicant, id, kind.id, { name: "scan.png", bytes: PNG });
    expect(png).toMatchObject({ mimeType: "image/png", fileName: "scan.png" });
    expect((await readAttachment(applicant, png.id)).bytes.equals(PNG)).toBe(true);
  });

  it("are read only by those who may read the dossier, and frozen after submission", async () => {
    const { applicant, id } = await completeDossier();
    const file = await db().attachment.findFirstOrThrow({ where: { applicationId: id } });
    const other = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const occitanie = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "76" }]);
    await expect(readAttachment(other, file.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readAttachment(occitanie, file.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await submitApplication(applicant, id, { honour: true });
    await expect(removeAttachment(applicant, file.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await readAttachment(applicant, file.id)).bytes.equals(PDF)).toBe(true);
    // A national cell member reads a dossier's content only after declaring their interests, once it reaches them.
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await expect(readAttachment(cna, file.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
