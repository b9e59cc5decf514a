// The open data of the call's grants in the national schema « SCDL Subventions », version 2.1.1 (données
// essentielles des conventions de subvention: décret n° 2017-779 du 5 mai 2017, arrêté du 17 novembre 2017).
// Pure module: the mapping of a countersigned grant to one row, and the CSV and JSON files.
// Source of the facts below: the schema's documentation on schema.data.gouv.fr (scdl/subventions/2.1.1,
// generated from its schema.json) and Etalab's « format réglementaire » (github.com/etalab/format-subventions):
// 16 columns in this order; UTF-8, « , » between columns, « " » around a cell holding a comma, « . » before the
// decimals, Content-Type text/csv; one row per beneficiary (here one beneficiary per grant).
import { theCall } from "@/lib/calls/title";
import { addMonths, FINAL_REPORT_GRACE_MONTHS } from "@/lib/conventions/rules";
import { toCsv } from "@/lib/csv";
import type { TrancheCondition } from "@/lib/generated/prisma/enums";
import { parisDate } from "@/lib/time";

export const SCDL_SCHEMA = {
  name: "scdl-subventions",
  title: "SCDL Subventions",
  version: "2.1.1",
  url: "https://schema.data.gouv.fr/scdl/subventions/2.1.1/",
} as const;

/** The columns of the schema, in its order. */
export const SCDL_COLUMNS = [
  "nomAttribuant",
  "idAttribuant",
  "dateConvention",
  "referenceDecision",
  "nomBeneficiaire",
  "idBeneficiaire",
  "rnaBeneficiaire",
  "objet",
  "montant",
  "nature",
  "conditionsVersement",
  "datesPeriodeVersement",
  "idRAE",
  "notificationUE",
  "pourcentageSubvention",
  "dispositifAide",
] as const;
type ScdlColumn = (typeof SCDL_COLUMNS)[number];

/** The decree publishes the grants whose amount exceeds 23 000 € (strictly). */
const SCDL_MIN_EXCLUSIVE_CENTS = 23_000_00;
/** `objet` and `conditionsVersement` are limited to 256 characters; one less so that both readings of « moins de 256 » hold. */
const MAX_TEXT = 255;

/** What the platform knows of one grant: its call, its dossier, its pole and its convention. */
export type ScdlGrant = {
  grantorName: string;
  grantorSiret: string;
  callTitle: string;
  durationMonths: number;
  /** the call's payment tranches, in order */
  tranches: { condition: TrancheCondition }[];
  reference: string;
  poleName: string;
  carrierName: string;
  siret: string;
  amountCents: number;
  /** null while the convention is not countersigned: the grant is then not in the file */
  countersignedAt: Date | null;
};

export type ScdlRow = {
  nomAttribuant: string;
  idAttribuant: string;
  dateConvention: string;
  referenceDecision: string;
  nomBeneficiaire: string;
  idBeneficiaire: string;
  rnaBeneficiaire: string;
  objet: string;
  /** euros, two decimals at most */
  montant: number;
  nature: "aide en numéraire";
  conditionsVersement: "unique" | "échelonné";
  datesPeriodeVersement: string;
  idRAE: string;
  notificationUE: "non";
  pourcentageSubvention: number;
  dispositifAide: string;
};

const clip = (text: string) =>
  text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1).trimEnd()}…`;

/** A grant goes to the file once its convention is countersigned and when it exceeds 23 000 €. */
export function isPublishedGrant(g: Pick<ScdlGrant, "amountCents" | "countersignedAt">): boolean {
  return g.countersignedAt !== null && g.amountCents > SCDL_MIN_EXCLUSIVE_CENTS;
}

/**
 * The payment period: from the countersignature for the convention's duration, plus the months given to
 * file the final report when the balance waits for it. The exact dates of payments are not known when the
 * convention is signed, so the schema's period form (AAAA-MM-JJ/AAAA-MM-JJ) is used even for a single payment.
 */
export function paymentPeriod(
  countersignedAt: Date,
  durationMonths: number,
  tranches: { condition: TrancheCondition }[],
): string {
  const start = parisDate(countersignedAt);
  const last = tranches.at(-1)?.condition;
  const end = addMonths(
    start,
    durationMonths + (last === "AFTER_FINAL_REPORT" ? FINAL_REPORT_GRACE_MONTHS : 0),
  );
  return `${start}/${end}`;
}

/**
 * One row of the file. Choices where the data or the schema leave room:
 * - `pourcentageSubvention` is, per the schema, the share of the grant that goes to this beneficiary
 *   (« bénéficiaire unique : 1.00 »), not the share of the project's budget: always 1 here.
 * - `dispositifAide` is an identifier of the national register of aid schemes (schéma « dispositif d'aide »);
 *   the call has none, so the optional column stays empty (the call is named in `objet`).
 * - `rnaBeneficiaire` and `idRAE` (optional) are not collected: empty; `idBeneficiaire` is the pole's SIRET.
 * - `notificationUE`: these grants are not aid notified to the European Commission: « non ».
 */
export function scdlRow(g: ScdlGrant): ScdlRow {
  if (!g.countersignedAt)
    throw new Error(`La convention du dossier ${g.reference} n'est pas contresignée.`);
  return {
    nomAttribuant: g.grantorName,
    idAttribuant: g.grantorSiret,
    dateConvention: parisDate(g.countersignedAt),
    referenceDecision: g.reference,
    nomBeneficiaire: g.carrierName,
    idBeneficiaire: g.siret,
    rnaBeneficiaire: "",
    objet: clip(
      `Soutien au développement du pôle territorial de coopération économique « ${g.poleName} », lauréat de ${theCall(g.callTitle)}`,
    ),
    montant: g.amountCents / 100,
    nature: "aide en numéraire",
    conditionsVersement: g.tranches.length > 1 ? "échelonné" : "unique",
    datesPeriodeVersement: paymentPeriod(g.countersignedAt, g.durationMonths, g.tranches),
    idRAE: "",
    notificationUE: "non",
    pourcentageSubvention: 1,
    dispositifAide: "",
  };
}

/** The rows of the file: the grants above 23 000 € with a countersigned convention, by date then reference. */
export function scdlRows(grants: ScdlGrant[]): ScdlRow[] {
  return grants
    .filter(isPublishedGrant)
    .map(scdlRow)
    .sort(
      (a, b) =>
        a.dateConvention.localeCompare(b.dateConvention) ||
        a.referenceDecision.localeCompare(b.referenceDecision),
    );
}

/** A cell as the schema writes it: amounts with a point and two decimals, the share as 1.00. */
function lexical(column: ScdlColumn, row: ScdlRow): string {
  if (column === "montant") return (Math.round(row.montant * 100) / 100).toFixed(2);
  if (column === "pourcentageSubvention") return row.pourcentageSubvention.toFixed(2);
  return row[column];
}

/**
 * The CSV file: header of the schema's columns, « , » separated, CRLF lines, UTF-8 without a byte order mark
 * (lib/csv.ts: RFC 4180 quoting; a text starting like a formula is prefixed with an apostrophe, so that a name
 * typed by an applicant never runs in a spreadsheet; no generated value starts so).
 */
export function scdlCsv(rows: ScdlRow[]): string {
  return toCsv(
    SCDL_COLUMNS,
    rows.map((r) => SCDL_COLUMNS.map((c) => lexical(c, r))),
    { delimiter: ",", bom: false },
  );
}

/**
 * The JSON file: an array of records with the schema's field names, in its order; numbers as JSON numbers,
 * the other values as the CSV writes them (the schema's lexical forms: « non », dates AAAA-MM-JJ, "" when empty).
 */
export function scdlJson(rows: ScdlRow[]): string {
  return `${JSON.stringify(
    rows.map((r) => Object.fromEntries(SCDL_COLUMNS.map((c) => [c, r[c]]))),
    null,
    2,
  )}\n`;
}

export type ScdlFormat = "csv" | "json";
export const SCDL_CONTENT_TYPES: Record<ScdlFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** The file name of a call's open data: `subventions-ami-ptce-2025.csv`. */
export function scdlFileName(callSlug: string, format: ScdlFormat): string {
  return `subventions-${callSlug}.${format}`;
}
