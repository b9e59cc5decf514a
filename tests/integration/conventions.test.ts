import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getConvention,
  getConventionOfApplication,
  readConventionFile,
} from "@/lib/conventions/data";
import {
  cancelConvention,
  countersignConvention,
  prepareConvention,
  prepareConventions,
  sendConvention,
  uploadSignedConvention,
} from "@/lib/conventions/mutations";
import { db } from "@/lib/db";
import { parisDate } from "@/lib/time";
import { makeActor } from "../fixtures/factories";
import { PDF, PNG } from "../fixtures/files";
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

async function setting() {
  const { call } = await makeDecidedCall();
  const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
  const laureate = await makePublishedLaureate({ callId: call.id, amountCents: 50_000_00 });
  return { call, cna, ...laureate };
}

describe("preparing conventions", () => {
  it("numbers them per call in sequence, with a PDF from the dossier and the decision", async () => {
    const { call, cna, application } = await setting();
    const second = await makePublishedLaureate({ callId: call.id });
    const c1 = await prepareConvention(cna, application.id);
    const c2 = await prepareConvention(cna, second.application.id);
    expect([c1.number, c2.number]).toEqual([`PTCE-${call.year}-001`, `PTCE-${call.year}-002`]);
    expect(c1).toMatchObject({ status: "TO_PREPARE", amountCents: 50_000_00 });
    // The PDF is made by the job queue (once, even run again).
    await settleJobs();
    await settleJobs(); // run again: the same document, not a second one
    expect(await db().convention.findUniqueOrThrow({ where: { id: c1.id } })).toMatchObject({
      documentKey: expect.stringMatching(/^conventions\//),
    });
    const pdf = await readConventionFile(cna, c1.id, "document");
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    // A second edition has its own sequence.
    const other = await makeDecidedCall({ year: 2026 });
    const l3 = await makePublishedLaureate({ callId: other.call.id });
    expect((await prepareConvention(cna, l3.application.id)).number).toBe("PTCE-2026-001");
    const audit = await db().auditEvent.findMany({ where: { action: "convention.prepare" } });
    expect(audit).toHaveLength(3);
  });

  it("refuses a dossier without a published laureate decision, a second convention, and anyone but the national cell", async () => {
    const { call, cna, application, owner } = await setting();
    const unpublished = await makePublishedLaureate({ callId: call.id, published: false });
    await expect(prepareConvention(cna, unpublished.application.id)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "Une convention ne se prépare que pour un lauréat dont la décision est publiée.",
    });
    await expect(prepareConvention(owner, application.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const coordinator = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
    await expect(prepareConvention(coordinator, application.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await prepareConvention(cna, application.id);
    await expect(prepareConvention(cna, application.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Ce lauréat a déjà une convention.",
    });
  });

  it("numbers conventions prepared at the same time without a gap or a duplicate; prepares the rest of a call at once", async () => {
    const { call, cna } = await setting();
    const others = await Promise.all(
      [1, 2, 3].map(() => makePublishedLaureate({ callId: call.id })),
    );
    await Promise.all(others.map((o) => prepareConvention(cna, o.application.id)));
    expect(await prepareConventions(cna, call.id)).toBe(1);
    expect(await prepareConventions(cna, call.id)).toBe(0);
    const numbers = (await db().convention.findMany({ orderBy: { number: "asc" } })).map(
      (c) => c.number,
    );
    expect(numbers).toEqual([1, 2, 3, 4].map((n) => `PTCE-${call.year}-00${n}`));
  });
});

describe("the signing journey", () => {
  it("sent with a deadline and an e-mail, signed by the owner with a PDF, countersigned with the reports due", async () => {
    const { call, cna, application, owner } = await setting();
    const { id } = await prepareConvention(cna, application.id);
    await settleJobs();
    // Before it is sent, the applicant does not see it.
    expect(await getConventionOfApplication(owner, application.id)).toBeNull();
    const sentAt = new Date("2025-12-01T09:00:00Z");
    const { signatureDueAt } = await sendConvention(cna, id, sentAt);
    expect(signatureDueAt.toISOString()).toBe("2025-12-31T22:59:59.000Z"); // 30 days, end of the Paris day
    const mail = await smtp.next(owner.email);
    expect(mail.headers.subject).toContain(`Votre convention PTCE-${call.year}-001 est à signer`);
    const view = await getConventionOfApplication(owner, application.id);
    expect(view).toMatchObject({ canSign: true, canDownload: true, canManage: false });
    expect((await readConventionFile(owner, id, "document")).bytes.length).toBeGreaterThan(1000);

    // Only a PDF is accepted, checked by its content.
    await expect(
      uploadSignedConvention(
        owner,
        id,
        { name: "signee.pdf", bytes: PNG },
        new Date("2025-12-10T09:00:00Z"),
      ),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: "La convention signée doit être un fichier PDF.",
    });
    const signed = await uploadSignedConvention(
      owner,
      id,
      { name: "convention signée.pdf", bytes: PDF },
      new Date("2025-12-10T09:00:00Z"),
    );
    expect(signed.fileName).toBe("convention signée.pdf");
    await expect(
      uploadSignedConvention(owner, id, { name: "encore.pdf", bytes: PDF }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "La copie signée de cette convention a déjà été déposée.",
    });
    expect((await readConventionFile(cna, id, "signed")).bytes.equals(PDF)).toBe(true);

    await countersignConvention(cna, id, new Date("2025-12-15T10:00:00Z"));
    const { convention } = await getConvention(cna, id);
    expect(convention.status).toBe("COUNTERSIGNED");
    expect(convention.reports.map((r) => [r.kind, r.dueAt.toISOString()])).toEqual([
      ["INTERIM", "2026-12-15T22:59:59.000Z"],
      ["FINAL", "2028-02-15T22:59:59.000Z"],
    ]);
    expect((await smtp.next(owner.email)).headers.subject).toContain("contresignée");
    await expect(countersignConvention(cna, id)).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("only the owner signs: a co-applicant of another pole, the cells and another applicant cannot", async () => {
    const { cna, application } = await setting();
    const { id } = await prepareConvention(cna, application.id);
    await settleJobs();
    await sendConvention(cna, id);
    const other = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await expect(
      uploadSignedConvention(other, id, { name: "x.pdf", bytes: PDF }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Cet élément n'existe pas ou vous n'y avez pas accès.",
    });
    await expect(
      uploadSignedConvention(cna, id, { name: "x.pdf", bytes: PDF }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readConventionFile(other, id, "document")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getConvention(other, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The region's coordinator follows it; another region's does not.
    expect(
      (await getConvention(await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]), id))
        .canManage,
    ).toBe(false);
    await expect(
      getConvention(await makeActor([{ role: "CRA_COORDINATOR", regionCode: "76" }]), id),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("after the signing deadline the pole can no longer sign; the cell cancels and the dossier is flagged for the reserve list", async () => {
    const { cna, application, owner } = await setting();
    const { id } = await prepareConvention(cna, application.id);
    await settleJobs();
    await sendConvention(cna, id, new Date("2025-12-01T09:00:00Z"));
    await expect(
      uploadSignedConvention(
        owner,
        id,
        { name: "tard.pdf", bytes: PDF },
        new Date("2026-01-01T09:00:00Z"),
      ),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("Le délai de signature a expiré le 31 décembre 2025"),
    });
    expect(await db().attachment.count({ where: { conventionId: id } })).toBe(0);
    await expect(cancelConvention(cna, id, { reason: "" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { reason: ["Indiquez le motif de l'annulation (5 caractères au moins)."] },
    });
    await cancelConvention(
      cna,
      id,
      { reason: "Délai de signature dépassé." },
      new Date("2026-01-02T09:00:00Z"),
    );
    const c = await db().convention.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({
      status: "CANCELLED",
      reservePromotionDue: true,
      cancellationReason: "Délai de signature dépassé.",
    });
    await expect(
      uploadSignedConvention(owner, id, { name: "x.pdf", bytes: PDF }),
    ).rejects.toMatchObject({ code: "INVALID_STATE", message: "Cette convention a été annulée." });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "convention.cancel" },
    });
    expect(event.after).toMatchObject({ signatureOverdue: true, reservePromotionDue: true });
  });
});

describe("demo data after the decision", () => {
  it("no-ops without a published laureate, then prepares, sends, signs, countersigns and pays through the commands in December 2025, once", async () => {
    const { seedAfterDemo } = await import("@/prisma/demo-after");
    const { createUser } = await import("@/lib/users/mutations");
    await createUser(null, {
      email: "cna1@demo-ptce.fr",
      name: "Julien Moreau",
      password: "mot de passe de test",
      emailVerified: true,
      roles: [{ role: "CNA_MEMBER", regionCode: null }],
    });
    const { call } = await makeDecidedCall({ slug: "ami-ptce-2025" });
    await seedAfterDemo();
    expect(await db().convention.count()).toBe(0);
    for (let i = 0; i < 5; i++)
      await makePublishedLaureate({ callId: call.id, amountCents: 40_000_00 });
    await seedAfterDemo();
    const conventions = await db().convention.findMany({
      orderBy: { number: "asc" },
      include: { payments: true },
    });
    expect(conventions.map((c) => c.status)).toEqual(Array(5).fill("COUNTERSIGNED"));
    expect(conventions.map((c) => c.payments.reduce((s, p) => s + p.amountCents, 0))).toEqual(
      Array(5).fill(28_000_00),
    );
    expect(conventions.map((c) => c.countersignedAt!.toISOString())).toEqual(
      Array(5).fill("2025-12-23T15:00:00.000Z"),
    );
    expect(conventions.flatMap((c) => c.payments.map((p) => parisDate(p.paidOn)))).toEqual(
      Array(5).fill("2025-12-30"),
    );
    await seedAfterDemo();
    expect(await db().convention.count()).toBe(5);
  });
});
