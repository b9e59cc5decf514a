import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import ResultsPage from "@/app/(public)/resultats/[slug]/page";
import { GET } from "@/app/api/donnees-ouvertes/[slug]/route";
import { db } from "@/lib/db";
import { formatEuros } from "@/lib/format";
import { getOpenDataRows, getPublishedResults } from "@/lib/publication/data";
import { SCDL_COLUMNS } from "@/lib/publication/scdl";
import { parisDate } from "@/lib/time";
import { makeCountersignedConvention } from "../fixtures/conventions";
import { makeActor, makeApplication, makeCall } from "../fixtures/factories";
import { makeDecidedCall, makePublishedLaureate } from "../fixtures/laureates";
import { scdlCsvRecords, scdlJsonRecords } from "../fixtures/scdl-schema";

const GRANTOR = {
  grantorName: "Ministère chargé de l'économie sociale et solidaire",
  grantorSiret: "11000201100044",
};

const file = (slug: string, format?: string) =>
  GET(
    new Request(
      `http://localhost/api/donnees-ouvertes/${slug}${format ? `?format=${format}` : ""}`,
    ),
    { params: Promise.resolve({ slug }) },
  );
const page = async (slug: string) =>
  renderToStaticMarkup(await ResultsPage({ params: Promise.resolve({ slug }) }));
const rename = (applicationId: string, name: string, carrierName = `Structure de ${name}`) =>
  db()
    .application.findUniqueOrThrow({ where: { id: applicationId } })
    .then((a) => db().pole.update({ where: { id: a.poleId }, data: { name, carrierName } }));

/** A dossier of the call with a published decision other than a plain laureate (reserve, not retained). */
async function otherDecision(
  callId: string,
  outcome: "RESERVE" | "NOT_RETAINED",
  name: string,
  reserveRank?: number,
) {
  const owner = await makeActor([{ role: "APPLICANT", regionCode: null }]);
  const app = await makeApplication({ callId, owner, regionCode: "84", status: outcome });
  await db().application.update({
    where: { id: app.id },
    data: { reference: `AMI2025-ARA-${name.length}${reserveRank ?? 0}-${app.id.slice(-4)}` },
  });
  await rename(app.id, name);
  await db().decision.create({
    data: {
      applicationId: app.id,
      callId,
      outcome,
      amountCents: 50_000_00,
      reserveRank: reserveRank ?? null,
      publishedAt: new Date("2025-11-30T11:00:00Z"),
    },
  });
  return app;
}

/**
 * A published call: laureates in three regions (two countersigned above 23 000 €, one countersigned at
 * 20 000 €, one not countersigned yet), a reserve dossier promoted afterwards, a reserve and a not retained
 * dossier, a laureate who withdrew, and a laureate decision never published.
 */
async function publishedCall() {
  const { call } = await makeDecidedCall(GRANTOR);
  const zephyr = await makeCountersignedConvention({
    callId: call.id,
    amountCents: 60_000_00,
    regionCode: "53",
  });
  await rename(zephyr.application.id, "Pôle Zéphyr", "Association Zéphyr, coopérative");
  const cna = zephyr.cna;
  const seine = await makeCountersignedConvention({
    callId: call.id,
    cna,
    amountCents: 20_000_00,
    regionCode: "11",
  });
  await rename(seine.application.id, "Pôle des Deux Rives");
  const garrigue = await makeCountersignedConvention({
    callId: call.id,
    cna,
    amountCents: 70_000_00,
    regionCode: "76",
  });
  await rename(garrigue.application.id, "Pôle Garrigue");
  await db().application.update({
    where: { id: garrigue.application.id },
    data: { territoryType: "QPV" },
  });
  await db().application.update({
    where: { id: seine.application.id },
    data: { territoryType: "URBAN" },
  });
  const aubepine = await makePublishedLaureate({
    callId: call.id,
    amountCents: 45_000_00,
    regionCode: "53",
  });
  await rename(aubepine.application.id, "Pôle Aubépine");
  const withdrawn = await makePublishedLaureate({
    callId: call.id,
    amountCents: 40_000_00,
    regionCode: "53",
  });
  await rename(withdrawn.application.id, "Pôle Désisté");
  await db().application.update({
    where: { id: withdrawn.application.id },
    data: { status: "WITHDRAWN", withdrawnAt: new Date() },
  });
  const unpublished = await makePublishedLaureate({
    callId: call.id,
    amountCents: 40_000_00,
    regionCode: "53",
    published: false,
  });
  await rename(unpublished.application.id, "Pôle Non Publié");
  // Promoted from the reserve list after the publication, as promoteReserve writes it.
  const promoted = await otherDecision(call.id, "RESERVE", "Pôle Promu", 1);
  await db().decision.update({
    where: { applicationId: promoted.id },
    data: { outcome: "LAUREATE", reserveRank: null },
  });
  await db().application.update({ where: { id: promoted.id }, data: { status: "LAUREATE" } });
  await otherDecision(call.id, "RESERVE", "Pôle En Réserve", 2);
  await otherDecision(call.id, "NOT_RETAINED", "Pôle Non Retenu");
  return { call, zephyr, garrigue };
}

describe("published results", () => {
  it("show nothing of a call before its publication: no page, no file", async () => {
    const { call } = await makeCall(undefined, { ...GRANTOR, slug: "appel-non-publie" });
    const laureate = await makePublishedLaureate({
      callId: call.id,
      amountCents: 60_000_00,
      published: false,
    });
    await rename(laureate.application.id, "Pôle Secret");
    // Even decided and finalised, with a decision marked published: the call's results are not.
    await db().call.update({
      where: { id: call.id },
      data: { phase: "NATIONAL_REVIEW", decisionsFinalizedAt: new Date() },
    });
    await db().decision.update({
      where: { applicationId: laureate.application.id },
      data: { publishedAt: new Date() },
    });
    expect(await getPublishedResults(call.slug)).toBeNull();
    expect(await getOpenDataRows(call.slug)).toBeNull();
    await expect(page(call.slug)).rejects.toMatchObject({ digest: expect.stringContaining("404") });
    for (const format of ["csv", "json"]) {
      const res = await file(call.slug, format);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Pôle Secret");
    }
    expect((await file("appel-inconnu", "csv")).status).toBe(404);
    // A slug no call can have is not found either, whatever the format asked.
    for (const slug of ["Appel Inconnu", "appel/../x", "x".repeat(81)]) {
      expect((await file(slug, "csv")).status).toBe(404);
      expect((await file(slug, "xml")).status).toBe(404);
    }
  });

  it("list the laureates only, by region then pole name, with the total, the count and the date", async () => {
    const { call } = await publishedCall();
    // Another call, not published, in the same database: none of it shows.
    const { call: other } = await makeCall(undefined, { slug: "appel-suivant" });
    const hidden = await makePublishedLaureate({ callId: other.id, amountCents: 60_000_00 });
    await rename(hidden.application.id, "Pôle Autre Appel");

    const results = await getPublishedResults(call.slug);
    expect(
      results?.laureates.map((l) => [l.regionName, l.poleName, l.territoryType, l.amountCents]),
    ).toEqual([
      ["Auvergne-Rhône-Alpes", "Pôle Promu", "RURAL", 50_000_00],
      ["Bretagne", "Pôle Aubépine", "RURAL", 45_000_00],
      ["Bretagne", "Pôle Zéphyr", "RURAL", 60_000_00],
      ["Île-de-France", "Pôle des Deux Rives", "URBAN", 20_000_00],
      ["Occitanie", "Pôle Garrigue", "QPV", 70_000_00],
    ]);
    expect(results).toMatchObject({ totalCents: 245_000_00, openData: true, openDataGrants: 2 });

    const html = await page(call.slug);
    for (const name of [
      "Pôle Promu",
      "Pôle Aubépine",
      "Pôle Zéphyr",
      "Pôle des Deux Rives",
      "Pôle Garrigue",
      "Association Zéphyr, coopérative",
      "Auvergne-Rhône-Alpes",
      "Île-de-France",
    ]) {
      expect(html).toContain(name.replace(/'/g, "&#x27;"));
    }
    for (const name of [
      "Pôle Désisté",
      "Pôle Non Publié",
      "Pôle En Réserve",
      "Pôle Non Retenu",
      "Pôle Autre Appel",
    ])
      expect(html).not.toContain(name);
    const order = [
      "Pôle Promu",
      "Pôle Aubépine",
      "Pôle Zéphyr",
      "Pôle des Deux Rives",
      "Pôle Garrigue",
    ].map((n) => html.indexOf(n));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain(`5 lauréats pour un montant total de ${formatEuros(245_000_00)}`);
    expect(html).toContain("Résultats publiés le 30 novembre 2025");
    for (const territory of ["QPV", "Urbain", "Rural"])
      expect(html).toContain(`<span class="fr-text--sm">${territory}</span>`);
    expect(html).toContain("<caption>");
    expect(html).toContain("Région et territoire</th>");
    expect(html).toContain(`href="/api/donnees-ouvertes/${call.slug}?format=csv"`);
    expect(html).toContain(`href="/api/donnees-ouvertes/${call.slug}?format=json"`);
    expect(html).toContain("CSV – 2 subventions");
  });

  it("publish one row per countersigned grant above 23 000 €, in CSV and JSON, valid against the schema", async () => {
    const { call, zephyr, garrigue } = await publishedCall();
    const zc = await db().convention.findUniqueOrThrow({ where: { id: zephyr.conventionId } });
    const gc = await db().convention.findUniqueOrThrow({ where: { id: garrigue.conventionId } });

    const csv = await file(call.slug, "csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toContain(
      `filename="subventions-${call.slug}.csv"`,
    );
    const { header, records, errors } = scdlCsvRecords(await csv.text());
    expect(errors).toEqual([]);
    expect(header).toEqual([...SCDL_COLUMNS]);
    const expected = [
      {
        c: zc,
        a: zephyr.application,
        name: "Association Zéphyr, coopérative",
        montant: "60000.00",
      },
      { c: gc, a: garrigue.application, name: "Structure de Pôle Garrigue", montant: "70000.00" },
    ].sort(
      (x, y) =>
        parisDate(x.c.countersignedAt!).localeCompare(parisDate(y.c.countersignedAt!)) ||
        x.a.reference!.localeCompare(y.a.reference!),
    );
    expect(records).toEqual(
      expected.map((e) =>
        expect.objectContaining({
          nomAttribuant: GRANTOR.grantorName,
          idAttribuant: GRANTOR.grantorSiret,
          dateConvention: parisDate(e.c.countersignedAt!),
          referenceDecision: e.a.reference,
          nomBeneficiaire: e.name,
          idBeneficiaire: "73282932000074",
          montant: e.montant,
          nature: "aide en numéraire",
          conditionsVersement: "échelonné",
          notificationUE: "non",
          pourcentageSubvention: "1.00",
        }),
      ),
    );

    const json = await file(call.slug, "json");
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(json.headers.get("content-disposition")).toContain(
      `filename="subventions-${call.slug}.json"`,
    );
    const fromJson = scdlJsonRecords(await json.text());
    expect(fromJson.errors).toEqual([]);
    expect(fromJson.records.map((r) => r.referenceDecision)).toEqual(
      records.map((r) => r.referenceDecision),
    );

    // CSV by default; an unknown format is refused in French.
    expect((await file(call.slug)).headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const xml = await file(call.slug, "xml");
    expect(xml.status).toBe(422);
    expect(await xml.json()).toMatchObject({ message: "Format inconnu : choisissez csv ou json." });
  });

  it("offer no file while the grantor is not filled in, and say so", async () => {
    const { call } = await makeDecidedCall({ grantorName: "", grantorSiret: "" });
    await makeCountersignedConvention({ callId: call.id, amountCents: 60_000_00 });
    expect((await getPublishedResults(call.slug))?.laureates).toHaveLength(1);
    expect(await getOpenDataRows(call.slug)).toBeNull();
    expect((await file(call.slug, "csv")).status).toBe(404);
    const html = await page(call.slug);
    expect(html).toContain(
      "Les fichiers seront disponibles dès que l&#x27;autorité attribuante aura été renseignée.",
    );
    expect(html).not.toContain("/api/donnees-ouvertes/");
  });
});
