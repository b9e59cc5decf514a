import { describe, expect, it } from "vitest";
import { theCall } from "@/lib/calls/title";
import {
  paymentPeriod,
  SCDL_COLUMNS,
  type ScdlGrant,
  scdlCsv,
  scdlJson,
  scdlRow,
  scdlRows,
} from "@/lib/publication/scdl";
import {
  parseCsv,
  SCDL_2_1_1,
  scdlCsvRecords,
  scdlErrors,
  scdlJsonRecords,
} from "../fixtures/scdl-schema";

const GRANT: ScdlGrant = {
  grantorName: "Ministère chargé de l'économie sociale et solidaire",
  grantorSiret: "11000201100044",
  callTitle: "Appel à manifestation d'intérêt « Financer le développement des PTCE » 2025",
  durationMonths: 24,
  tranches: [{ condition: "ON_SIGNATURE" }, { condition: "AFTER_INTERIM_REPORT" }],
  reference: "AMI2025-BRE-007",
  poleName: "Pôle Coopératif du Bocage",
  carrierName: "Association Bocage en commun",
  siret: "73282932000074",
  amountCents: 62_500_00,
  countersignedAt: new Date("2025-12-23T15:00:00Z"),
};

// Grants meant to reach the file's edges: cents, commas and quotes, a very long name, one tranche, a balance
// paid after the final report, a countersignature just after midnight in Paris on new year's day.
const GRANTS: ScdlGrant[] = [
  GRANT,
  {
    ...GRANT,
    reference: "AMI2025-OCC-002",
    amountCents: 23_000_01,
    carrierName: 'Scic "Terres, Mers et Vallées"',
    poleName: "Pôle, avec une virgule",
  },
  {
    ...GRANT,
    reference: "AMI2025-IDF-003",
    poleName: "P".repeat(300),
    tranches: [{ condition: "ON_SIGNATURE" }],
  },
  {
    ...GRANT,
    reference: "AMI2025-NOR-004",
    tranches: [{ condition: "ON_SIGNATURE" }, { condition: "AFTER_FINAL_REPORT" }],
    countersignedAt: new Date("2025-12-31T23:15:00Z"),
  },
  { ...GRANT, reference: "AMI2025-GES-005", carrierName: '=HYPERLINK("http://exemple.test")' },
  // Not in the file: 23 000 € exactly (the decree publishes the grants that exceed it), no countersignature.
  { ...GRANT, reference: "AMI2025-BRE-008", amountCents: 23_000_00 },
  { ...GRANT, reference: "AMI2025-BRE-009", countersignedAt: null },
];

describe("the open data of grants (SCDL subventions 2.1.1)", () => {
  it("has the schema's sixteen columns, in its order", () => {
    expect([...SCDL_COLUMNS]).toEqual(SCDL_2_1_1.map((f) => f.name));
    expect(SCDL_COLUMNS).toHaveLength(16);
  });

  it("names the call in `objet` as the results page does: « l'appel à … » from « Appel à … », else « l'appel « … » »", () => {
    expect(scdlRow(GRANT).objet).toMatch(
      /, lauréat de l'appel à manifestation d'intérêt « Financer le développement des PTCE » 2025$/,
    );
    expect(scdlRow({ ...GRANT, callTitle: "AMI PTCE 2026" }).objet).toMatch(
      /, lauréat de l'appel « AMI PTCE 2026 »$/,
    );
    expect(theCall("appel à projets 2026")).toBe("l'appel à projets 2026");
    expect(theCall("Appellation contrôlée")).toBe("l'appel « Appellation contrôlée »");
  });

  it("maps a countersigned grant to the schema's values", () => {
    expect(scdlRow(GRANT)).toEqual({
      nomAttribuant: "Ministère chargé de l'économie sociale et solidaire",
      idAttribuant: "11000201100044",
      dateConvention: "2025-12-23",
      referenceDecision: "AMI2025-BRE-007",
      nomBeneficiaire: "Association Bocage en commun",
      idBeneficiaire: "73282932000074",
      rnaBeneficiaire: "",
      objet:
        "Soutien au développement du pôle territorial de coopération économique « Pôle Coopératif du Bocage », lauréat de l'appel à manifestation d'intérêt « Financer le développement des PTCE » 2025",
      montant: 62500,
      nature: "aide en numéraire",
      conditionsVersement: "échelonné",
      datesPeriodeVersement: "2025-12-23/2027-12-23",
      idRAE: "",
      notificationUE: "non",
      pourcentageSubvention: 1,
      dispositifAide: "",
    });
  });

  it("keeps only the countersigned grants above 23 000 €, by date then reference", () => {
    const rows = scdlRows(GRANTS);
    expect(rows.map((r) => r.referenceDecision)).toEqual([
      "AMI2025-BRE-007",
      "AMI2025-GES-005",
      "AMI2025-IDF-003",
      "AMI2025-OCC-002",
      "AMI2025-NOR-004",
    ]);
  });

  it("writes a CSV whose every row validates against the schema", () => {
    const csv = scdlCsv(scdlRows(GRANTS));
    const { header, records, errors } = scdlCsvRecords(csv);
    expect(errors).toEqual([]);
    expect(header).toEqual(SCDL_2_1_1.map((f) => f.name));
    expect(records).toHaveLength(5);
    expect(csv.split("\r\n")[0]).toBe(SCDL_COLUMNS.join(","));
    const byRef = new Map(records.map((r) => [r.referenceDecision, r]));
    expect(byRef.get("AMI2025-OCC-002")).toMatchObject({
      montant: "23000.01",
      nomBeneficiaire: 'Scic "Terres, Mers et Vallées"',
      conditionsVersement: "échelonné",
      pourcentageSubvention: "1.00",
      notificationUE: "non",
    });
    expect(byRef.get("AMI2025-BRE-007")?.montant).toBe("62500.00");
    // A single payment on signature: « unique », over the convention's period.
    expect(byRef.get("AMI2025-IDF-003")).toMatchObject({
      conditionsVersement: "unique",
      datesPeriodeVersement: "2025-12-23/2027-12-23",
    });
    const long = byRef.get("AMI2025-IDF-003")?.objet ?? "";
    expect([...long].length).toBeLessThanOrEqual(256);
    expect(long.endsWith("…")).toBe(true);
    // The day in Paris (0 h 15 on 1 January 2026 is 23 h 15 UTC on 31 December), and two more months for the final report.
    expect(byRef.get("AMI2025-NOR-004")).toMatchObject({
      dateConvention: "2026-01-01",
      datesPeriodeVersement: "2026-01-01/2028-03-01",
    });
    // A formula typed by an applicant does not run in a spreadsheet.
    expect(byRef.get("AMI2025-GES-005")?.nomBeneficiaire).toBe(
      '\'=HYPERLINK("http://exemple.test")',
    );
  });

  it("writes a JSON whose every record validates against the schema, with the CSV's values", () => {
    const rows = scdlRows(GRANTS);
    const { records, errors } = scdlJsonRecords(scdlJson(rows));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(5);
    const json = JSON.parse(scdlJson(rows)) as Record<string, unknown>[];
    expect(Object.keys(json[0]!)).toEqual([...SCDL_COLUMNS]);
    expect(json[0]).toMatchObject({
      montant: 62500,
      pourcentageSubvention: 1,
      notificationUE: "non",
      dateConvention: "2025-12-23",
    });
    expect(json.find((r) => r.referenceDecision === "AMI2025-OCC-002")?.montant).toBe(23000.01);
  });

  it("writes an empty file with its header when no grant is countersigned yet", () => {
    expect(scdlCsv(scdlRows([{ ...GRANT, countersignedAt: null }]))).toBe(
      `${SCDL_COLUMNS.join(",")}\r\n`,
    );
    expect(scdlJson([])).toBe("[]\n");
  });

  it("refuses a grant whose convention is not countersigned", () => {
    expect(() => scdlRow({ ...GRANT, countersignedAt: null })).toThrow("n'est pas contresignée");
  });

  it("computes the payment period from the Paris day of the countersignature", () => {
    expect(
      paymentPeriod(new Date("2025-02-28T23:30:00Z"), 24, [{ condition: "ON_SIGNATURE" }]),
    ).toBe("2025-03-01/2027-03-01");
    expect(
      paymentPeriod(new Date("2025-08-31T10:00:00Z"), 6, [{ condition: "AFTER_FINAL_REPORT" }]),
    ).toBe("2025-08-31/2026-04-30");
  });
});

describe("the schema's check (tests/fixtures/scdl-schema.ts) refuses what the schema refuses", () => {
  const valid = () => scdlCsvRecords(scdlCsv([scdlRow(GRANT)])).records[0]!;

  it("accepts a produced row", () => {
    expect(scdlErrors(valid())).toEqual([]);
  });

  it.each([
    ["idAttribuant", "1100020110004", "motif"],
    ["idAttribuant", "", "obligatoire"],
    ["dateConvention", "23/12/2025", "date"],
    ["dateConvention", "2025-02-30", "date"],
    ["montant", "62500,00", "nombre"],
    ["montant", "62 500", "nombre"],
    ["nature", "subvention", "valeurs autorisées"],
    ["datesPeriodeVersement", "2025-12-23_2027-12-23", "motif"],
    ["notificationUE", "false", "ni oui ni non"],
    ["pourcentageSubvention", "100", "supérieur"],
    ["pourcentageSubvention", "0", "inférieur"],
    ["objet", "x".repeat(257), "dépasse"],
    ["rnaBeneficiaire", "W12345", "motif"],
    ["idRAE", "123456", "dépasse"],
    ["nomBeneficiaire", "", "obligatoire"],
  ])("%s = %j", (field, value, problem) => {
    expect(scdlErrors({ ...valid(), [field]: value }).join(" ; ")).toContain(problem);
  });

  it("requires a SIRET or an RNA number for the beneficiary", () => {
    expect(scdlErrors({ ...valid(), idBeneficiaire: "" })).toEqual([
      "idBeneficiaire ou rnaBeneficiaire obligatoire",
    ]);
    expect(scdlErrors({ ...valid(), idBeneficiaire: "", rnaBeneficiaire: "W380475558" })).toEqual(
      [],
    );
  });

  it("refuses a file in another layout: « ; » between columns, a missing column, a byte order mark", () => {
    const csv = scdlCsv([scdlRow(GRANT)]);
    expect(scdlCsvRecords(csv.replace(/,/g, ";")).errors.length).toBeGreaterThan(0);
    expect(scdlCsvRecords(`\uFEFF${csv}`).errors).toContain(
      "marque d'ordre des octets en tête du fichier",
    );
    const [header, line] = parseCsv(csv);
    const without = [header!.slice(1).join(","), line!.slice(1).join(",")].join("\r\n");
    expect(scdlCsvRecords(without).errors.join(" ; ")).toContain("colonnes");
  });
});
