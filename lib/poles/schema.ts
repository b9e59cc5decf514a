// The pole profile form (the PTCE and its structure porteuse), shared by the client form
// (react-hook-form) and the server. Pure module: no server-only import.

import { LegalForm, MemberCategory, TerritoryType } from "@/lib/generated/prisma/enums";
import { isValidSiret, normalizeSiret } from "@/lib/poles/siret";
import { departementOfPostalCode, regionOfDepartement } from "@/lib/regions/catalog";
import * as z from "@/lib/zod";

const SIRET_LENGTH_MESSAGE = "Le numéro SIRET doit comporter 14 chiffres.";
const SIRET_INVALID_MESSAGE =
  "Ce numéro SIRET n'est pas valide : vérifiez-le sur l'avis de situation INSEE.";

// The key is judged only on 14 digits, so that a short number gets the length message alone.
const keyValid = (s: string) => !/^\d{14}$/.test(s) || isValidSiret(s);

/** A SIRET as typed: spaces removed, then 14 digits with a valid key. */
const siretSchema = z
  .string({ message: "Saisissez le numéro SIRET." })
  .transform(normalizeSiret)
  .pipe(
    z
      .string()
      .regex(/^\d{14}$/, { message: SIRET_LENGTH_MESSAGE })
      .refine(keyValid, { message: SIRET_INVALID_MESSAGE }),
  );

/** An optional SIRET: empty, null or absent gives null; anything else must be a valid SIRET. */
const optionalSiret = z
  .string({ message: SIRET_LENGTH_MESSAGE })
  .nullish()
  .transform((v) => (v == null ? null : normalizeSiret(v) || null))
  .pipe(
    z
      .string()
      .regex(/^\d{14}$/, { message: SIRET_LENGTH_MESSAGE })
      .refine(keyValid, { message: SIRET_INVALID_MESSAGE })
      .nullable(),
  );

const text = (min: number, max: number, empty: string) =>
  z
    .string({ message: empty })
    .trim()
    .min(1, { message: empty })
    // (An empty value gets the first message alone.)
    .refine((s) => s.length === 0 || s.length >= min, { message: `${min} caractères au moins.` })
    .max(max, { message: `${max} caractères au plus.` });

/**
 * A QPV code. Since 1 January 2024 (decree 2023-1314; overseas 1 January 2025) codes read
 * « QN » + département on 3 characters + 2-digit sequence + a letter (N new quartier, M modified
 * contour, I pre-existing), e.g. QN06201M. We accept that form leniently: département as 3 digits or
 * 02A/02B/2A/2B, a sequence of 2 to 4 digits, an optional final letter (so QN0750012 passes too), after
 * removing spaces and upper-casing. The retired 2015 codes (« QP » + 6 digits) are refused.
 */
const QPV_CODE = /^QN(?:\d{3}|0?2[AB])\d{2,4}[A-Z]?$/;

// Normalized here, checked in poleSchema only for a QPV: a stale value left in the hidden field of
// another territory type must not block the form.
const qpvCode = z
  .string()
  .nullish()
  .transform((v) => (v == null ? null : v.replace(/\s/g, "").toUpperCase() || null));

const YEAR_MESSAGE = "Saisissez une année, par exemple 2016.";
const creationYear = z
  // An emptied <input type="number"> gives "" or, read with valueAsNumber, NaN.
  .union([z.number(), z.nan(), z.literal(""), z.null()], { message: YEAR_MESSAGE })
  .optional()
  .transform((v) => (typeof v === "number" && !Number.isNaN(v) ? v : null))
  .pipe(
    z
      .number()
      .int({ message: YEAR_MESSAGE })
      .min(1900, { message: "L'année de création ne peut être antérieure à 1900." })
      // Checked at parse time, not at module load: a long-running server crosses the new year.
      .refine((y) => y <= new Date().getFullYear(), {
        message: "L'année de création ne peut être dans le futur.",
      })
      .nullable(),
  );

const WEBSITE_MESSAGE = "Saisissez une adresse web valide, par exemple https://www.mon-pole.fr.";
const website = z
  .string({ message: WEBSITE_MESSAGE })
  .trim()
  .max(300, { message: "300 caractères au plus." })
  .nullish()
  // "www.mon-pole.fr" is read as https://www.mon-pole.fr; any scheme other than http(s) is refused below.
  .transform((v) => (!v ? null : /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`))
  .pipe(
    z
      .url({ protocol: /^https?$/, hostname: z.regexes.domain, message: WEBSITE_MESSAGE })
      .nullable(),
  );

const poleMemberSchema = z.object({
  name: text(2, 150, "Saisissez le nom du membre."),
  category: z.enum(MemberCategory, { message: "Choisissez la catégorie du membre." }),
  siret: optionalSiret,
  isLegalPerson: z.boolean().default(true),
});

const MAX_MEMBERS = 200;

const poleObjectSchema = z.object({
  name: text(2, 150, "Saisissez le nom du pôle."),
  carrierName: text(2, 150, "Saisissez le nom de la structure porteuse."),
  siret: siretSchema,
  legalForm: z.enum(LegalForm, {
    message: "Choisissez la forme juridique de la structure porteuse.",
  }),
  addressLine: text(1, 300, "Saisissez l'adresse."),
  postalCode: z
    .string({ message: "Saisissez le code postal." })
    .trim()
    .regex(/^\d{5}$/, { message: "Le code postal doit comporter 5 chiffres." }),
  city: text(1, 150, "Saisissez la commune."),
  departementCode: z
    .string({ message: "Choisissez le département." })
    .trim()
    .toUpperCase()
    .min(1, { message: "Choisissez le département." })
    .refine((code) => regionOfDepartement(code) !== undefined, {
      message: "Ce département n'existe pas.",
    }),
  territoryType: z.enum(TerritoryType, { message: "Choisissez le type de territoire." }),
  qpvCode,
  creationYear,
  website,
  governance: z.string().trim().max(5000, { message: "5000 caractères au plus." }).default(""),
  members: z
    .array(poleMemberSchema, { message: "Ajoutez au moins un membre." })
    .min(1, { message: "Ajoutez au moins un membre." })
    .max(MAX_MEMBERS, { message: `${MAX_MEMBERS} membres au plus.` }),
});

type PoleObject = z.output<typeof poleObjectSchema>;

/** Runs a cross-field check as soon as the fields it reads are valid, even if other fields are not. */
const whenValid = (...fields: (keyof PoleObject)[]) => ({
  when: (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    !payload.issues.some((issue) => fields.includes(issue.path?.[0] as keyof PoleObject)),
});

/**
 * The pole profile. Cross-field checks report at the field: the postal code must belong to the chosen
 * département, a QPV needs a well-formed QPV code, two members cannot share a SIRET. It does NOT check the
 * legal eligibility of the membership (a draft may be incomplete): see `eligibility`, run at submission.
 * The output drops the QPV code when the territory is not a QPV.
 */
export const poleSchema = poleObjectSchema
  .superRefine(
    (p, ctx) => {
      const dep = departementOfPostalCode(p.postalCode);
      if (dep === null)
        ctx.addIssue({
          code: "custom",
          path: ["postalCode"],
          message: "Ce code postal ne correspond à aucun département.",
        });
      else if (dep !== p.departementCode)
        ctx.addIssue({
          code: "custom",
          path: ["postalCode"],
          message: "Ce code postal n'appartient pas au département choisi.",
        });
    },
    whenValid("postalCode", "departementCode"),
  )
  .superRefine(
    (p, ctx) => {
      if (p.territoryType !== "QPV") return;
      if (!p.qpvCode)
        ctx.addIssue({
          code: "custom",
          path: ["qpvCode"],
          message: "Saisissez le code du quartier prioritaire (QPV).",
        });
      else if (!QPV_CODE.test(p.qpvCode))
        ctx.addIssue({
          code: "custom",
          path: ["qpvCode"],
          message:
            "Le code QPV commence par QN suivi du département et du numéro du quartier, par exemple QN06201M.",
        });
    },
    whenValid("territoryType", "qpvCode"),
  )
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.members.forEach((m, i) => {
      if (!m.siret) return;
      if (seen.has(m.siret))
        ctx.addIssue({
          code: "custom",
          path: ["members", i, "siret"],
          message: "Ce numéro SIRET figure déjà parmi les membres.",
        });
      seen.add(m.siret);
    });
  }, whenValid("members"))
  .transform((p) => ({ ...p, qpvCode: p.territoryType === "QPV" ? p.qpvCode : null }));

export type PoleInput = z.input<typeof poleSchema>;
export type PoleData = z.output<typeof poleSchema>;

/** The INSEE code of the region of a département ("29" -> "53"), or null when the département is unknown. */
export function poleRegionOf(departementCode: string): string | null {
  return regionOfDepartement(departementCode)?.code ?? null;
}

// ───────────────────────────── Eligibility ─────────────────────────────

const MIN_LEGAL_PERSONS = 3;

const OTHER_MEMBER_CATEGORIES: readonly MemberCategory[] = [
  "LOCAL_AUTHORITY",
  "RESEARCH_TRAINING",
  "CITIZEN_GROUP",
  "OTHER",
];

export type EligibilityMember = { category: MemberCategory; isLegalPerson: boolean };
export type Eligibility = { eligible: boolean; reasons: string[] };

/**
 * The legal baseline of a PTCE (ESS law of 2014, art. 9, and decree 2015-431): at least three legal
 * persons and, among them, at least one ESS enterprise, one enterprise outside the ESS and one other
 * member (local authority, research or training body, citizens' group, ...). Natural persons may be
 * members but count for none of these rules. Checked at submission, not on the draft.
 */
export function eligibility(members: readonly EligibilityMember[]): Eligibility {
  const legal = members.filter((m) => m.isLegalPerson);
  const reasons: string[] = [];
  if (legal.length < MIN_LEGAL_PERSONS)
    reasons.push(
      `Le pôle doit réunir au moins trois personnes morales (actuellement ${legal.length}).`,
    );

  const requirement = (categories: readonly MemberCategory[], missing: string) => {
    if (legal.some((m) => categories.includes(m.category))) return;
    const onlyNatural = members.some((m) => categories.includes(m.category));
    reasons.push(
      onlyNatural
        ? `${missing} Les membres déclarés dans cette catégorie sont des personnes physiques : seules les personnes morales comptent.`
        : missing,
    );
  };
  requirement(["ESS_ENTERPRISE"], "Il manque une entreprise de l'économie sociale et solidaire.");
  requirement(["OTHER_ENTERPRISE"], "Il manque une entreprise hors ESS.");
  requirement(
    OTHER_MEMBER_CATEGORIES,
    "Il manque un autre membre : collectivité, organisme de recherche ou de formation, groupement de citoyens…",
  );

  return { eligible: reasons.length === 0, reasons };
}
