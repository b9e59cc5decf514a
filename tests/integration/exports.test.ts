import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportCall } from "@/lib/exports/data";
import { recordPayment } from "@/lib/payments/mutations";
import { parisDate } from "@/lib/time";
import { makeCountersignedConvention } from "../fixtures/conventions";
import { makeActor, makeApplication } from "../fixtures/factories";
import { makeDecidedCall, makePublishedLaureate } from "../fixtures/laureates";
import { startSmtp } from "../fixtures/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

async function text(actor: Parameters<typeof exportCall>[0], dataset: string, slug: string) {
  const file = await exportCall(actor, dataset, slug, "csv");
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(
    await new Response(file.stream).arrayBuffer(),
  );
}
const lines = (csv: string) =>
  csv
    .replace(/^\ufeff/, "")
    .trim()
    .split("\r\n");

async function world() {
  const { call } = await makeDecidedCall();
  const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
  const bre = await makeCountersignedConvention({ callId: call.id, cna, regionCode: "53" });
  const occ = await makeCountersignedConvention({ callId: call.id, cna, regionCode: "76" });
  const tranche = await db().paymentTranche.findFirstOrThrow({
    where: { callId: call.id, position: 0 },
  });
  const today = parisDate(new Date()); // the day in France, as the product counts days
  await recordPayment(cna, bre.conventionId, {
    trancheId: tranche.id,
    amountCents: 35_000_00,
    paidOn: today,
    accountingReference: "EJ-BRE",
  });
  await recordPayment(cna, occ.conventionId, {
    trancheId: tranche.id,
    amountCents: 35_000_00,
    paidOn: today,
    accountingReference: '=HYPERLINK("x")',
  });
  // A draft (never exported), an unpublished decision in Brittany, regional opinions with a conflict declared.
  await makeApplication({ callId: call.id, owner: bre.owner, status: "DRAFT" });
  const hidden = await makePublishedLaureate({
    callId: call.id,
    regionCode: "53",
    published: false,
  });
  const coordinator = await makeActor([{ role: "CRA_COORDINATOR", regionCode: "53" }]);
  for (const [app, score] of [
    [bre.application, 8100],
    [hidden.application, 7000],
  ] as const) {
    await db().regionalOpinion.create({
      data: {
        applicationId: app.id,
        opinion: "FAVORABLE",
        consolidatedScore: score,
        proposedAmountCents: 50_000_00,
        motivation: "Solide.",
        rank: 1,
        authorId: coordinator.id,
      },
    });
  }
  await db().nationalReview.create({
    data: {
      applicationId: bre.application.id,
      score: 8300,
      amountCents: 50_000_00,
      reviewerId: cna.id,
    },
  });
  await db().conflictDeclaration.create({
    data: { applicationId: bre.application.id, userId: coordinator.id, hasConflict: false },
  });
  await db().conflictDeclaration.create({
    data: {
      applicationId: hidden.application.id,
      userId: coordinator.id,
      hasConflict: true,
      reason: "Membre du pôle",
    },
  });
  return { call, cna, coordinator, bre, occ, hidden };
}

describe("exports for French Excel", () => {
  it("CSV with a byte order mark, semicolons, decimal commas, quoted fields and formulas defused", async () => {
    const { call, cna } = await world();
    const csv = await text(cna, "versements", call.slug);
    expect(
      csv.startsWith(
        "\ufeffConvention;Référence du dossier;Pôle;Région;Tranche;Montant (€);Date du versement;Référence comptable\r\n",
      ),
    ).toBe(true);
    const rows = lines(csv).slice(1);
    expect(rows).toHaveLength(2);
    expect(
      rows.some((r) =>
        r.endsWith(
          `;35000,00;${new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date())};EJ-BRE`,
        ),
      ),
    ).toBe(true);
    expect(rows.some((r) => r.endsWith(`;"'=HYPERLINK(""x"")"`))).toBe(true);
  });

  it("XLSX with typed cells: amounts in euros, dates as dates, formulas defused", async () => {
    const { call, cna } = await world();
    const file = await exportCall(cna, "conventions", call.slug, "xlsx");
    expect(file.contentType).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await new Response(file.stream).arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Conventions");
    expect(sheet.getRow(1).getCell(1).value).toBe("Numéro");
    expect(sheet.rowCount).toBe(3);
    const amounts = [2, 3].map((r) => sheet.getRow(r).getCell(6).value);
    expect(amounts).toEqual([50_000, 50_000]);
    expect(sheet.getRow(2).getCell(10).value).toBeInstanceOf(Date);
    expect(sheet.getRow(2).getCell(11).value).toBe(35_000);
    // A value typed to look like a formula is written as text behind an apostrophe, as in the CSV.
    const payments = new ExcelJS.Workbook();
    await payments.xlsx.load(
      await new Response(
        (await exportCall(cna, "versements", call.slug, "xlsx")).stream,
      ).arrayBuffer(),
    );
    const texts = [2, 3].flatMap((r) =>
      (payments.worksheets[0]!.getRow(r).values as unknown[]).filter(
        (v): v is string => typeof v === "string",
      ),
    );
    expect(texts).toContain(`'=HYPERLINK("x")`);
    expect(texts.filter((t) => /^[=+\-@]/.test(t))).toEqual([]);
  });
});

describe("what each role may export", () => {
  it("the national cell: every submitted dossier, every decision, the national scores", async () => {
    const { call, cna } = await world();
    expect(lines(await text(cna, "dossiers", call.slug))).toHaveLength(1 + 3); // not the draft
    expect(lines(await text(cna, "decisions", call.slug))).toHaveLength(1 + 3); // the unpublished one too
    const notes = lines(await text(cna, "notes", call.slug));
    expect(notes[0]).toContain("Note nationale (/100)");
    expect(notes.slice(1).some((r) => r.includes(";81,00;") && r.includes(";83,00;"))).toBe(true);
  });

  it("a regional coordinator: their region only, published decisions only, scores only without conflict, no national analysis", async () => {
    const { call, coordinator, bre, occ, hidden } = await world();
    const dossiers = lines(await text(coordinator, "dossiers", call.slug)).slice(1);
    expect(dossiers).toHaveLength(2);
    expect(dossiers.every((r) => r.includes("Bretagne"))).toBe(true);
    expect(dossiers.join()).not.toContain(occ.application.reference!);
    const decisions = lines(await text(coordinator, "decisions", call.slug)).slice(1);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toContain(bre.application.reference!);
    const notes = lines(await text(coordinator, "notes", call.slug));
    expect(notes[0]).not.toContain("Note nationale");
    expect(notes.slice(1)).toHaveLength(1);
    expect(notes.join()).not.toContain(hidden.application.reference!);
    expect(lines(await text(coordinator, "conventions", call.slug)).slice(1)).toHaveLength(1);
    expect(lines(await text(coordinator, "versements", call.slug)).slice(1)).toHaveLength(1);
  });

  it("applicants, evaluators and administrators export nothing; unknown datasets, formats and calls are refused", async () => {
    const { call, bre, cna } = await world();
    const evaluator = await makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }]);
    const admin = await makeActor([{ role: "ADMIN", regionCode: null }]);
    for (const actor of [bre.owner, evaluator, admin]) {
      await expect(exportCall(actor, "dossiers", call.slug, "csv")).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    await expect(exportCall(cna, "utilisateurs", call.slug, "csv")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(exportCall(cna, "dossiers", call.slug, "pdf")).rejects.toMatchObject({
      code: "VALIDATION",
      message: "Format d'export attendu : csv ou xlsx.",
    });
    await expect(exportCall(cna, "dossiers", "inconnu", "csv")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Appel inconnu.",
    });
  });
});
