// The form of a call (appel), shared by the administration form and the server.

import { SelectionMethod, TerritoryType, TrancheCondition } from "@/lib/generated/prisma/enums";
import { isValidSiret, normalizeSiret } from "@/lib/poles/siret";
import { parisEndOfDay, parisTimeToUtc } from "@/lib/time";
import * as z from "@/lib/zod";

const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,40}$/, {
    message: "Code attendu en minuscules, chiffres et tirets (2 à 40 caractères).",
  });
const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `Saisissez ${label}.` })
    .max(max, { message: `${max} caractères au plus.` });
const cents = z
  .number({ message: "Saisissez un montant." })
  .int()
  .min(0, { message: "Le montant doit être positif." });
const bps = z.number().int().min(0).max(10_000);

// A day typed in a form (YYYY-MM-DD) is a day in Paris: an opening starts at 00:00, a deadline ends
// at 23:59:59 Paris time. An instant (Date) is taken as it is.
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const parisDay = (edge: "start" | "end") =>
  z.union([
    z.date(),
    z
      .string()
      .regex(DAY, { message: "Saisissez une date." })
      .transform((d) => (edge === "end" ? parisEndOfDay(d) : parisTimeToUtc(d, "00:00"))),
  ]);
const optionalParisDay = (edge: "start" | "end") =>
  z.union([z.literal("").transform(() => null), z.null(), parisDay(edge)]);

// The rules of the national selection. The threshold is a national score in hundredths (6550 = 65,50 / 100):
// an integer there means two decimals at most on the form.
const THRESHOLD_RANGE = "Le seuil de qualité va de 0 à 100.";
const MAX_RESERVE_LIST_LENGTH = 50;
const qualityThreshold = z
  .number({ message: "Saisissez le seuil de qualité (0 pour aucun seuil)." })
  .int({ message: "Le seuil de qualité s'écrit avec deux décimales au plus." })
  .min(0, { message: THRESHOLD_RANGE })
  .max(10_000, { message: THRESHOLD_RANGE });
const reserveListLength = z
  .number({ message: "Saisissez la longueur de la liste complémentaire." })
  .int({ message: "La longueur de la liste complémentaire est un nombre entier de dossiers." })
  .min(0, { message: "La longueur de la liste complémentaire ne peut pas être négative." })
  .max(MAX_RESERVE_LIST_LENGTH, {
    message: `La liste complémentaire compte au plus ${MAX_RESERVE_LIST_LENGTH} dossiers.`,
  });

// The grantor (autorité attribuante) published in the open data of grants: its SIRET, when given, is
// checked by the same rule as a pole's (lib/poles/siret.ts); empty until the administration fills it in.
const SIRET_LENGTH = "Le numéro SIRET doit comporter 14 chiffres.";
const grantorSiret = z
  .string()
  .transform(normalizeSiret)
  .pipe(
    z
      .string()
      .regex(/^(\d{14})?$/, { message: SIRET_LENGTH })
      .refine((s) => s === "" || !/^\d{14}$/.test(s) || isValidSiret(s), {
        message: "Ce numéro SIRET n'est pas valide : vérifiez-le sur l'avis de situation INSEE.",
      }),
  );

const uniqueCodes = <T extends { code: string }>(items: T[]) =>
  new Set(items.map((i) => i.code)).size === items.length;

const criterionSchema = z
  .object({
    code,
    label: text(200, "l'intitulé du critère"),
    description: z.string().trim().max(2000).default(""),
    weightBps: bps.min(1, { message: "La pondération doit être positive." }),
    maxScore: z.number().int().min(1).max(20).default(5),
    levels: z.array(z.string().trim().min(1).max(300)),
  })
  .refine((c) => c.levels.length === c.maxScore + 1, {
    message: "Décrivez chaque niveau de note, de 0 à la note maximale.",
    path: ["levels"],
  });

export const callInputSchema = z
  .object({
    slug: code,
    title: text(200, "le titre de l'appel"),
    year: z.number().int().min(2014).max(2100),
    summary: text(5000, "la présentation de l'appel"),
    opensAt: parisDay("start"),
    deadlineAt: parisDay("end"),
    regionalDeadlineAt: optionalParisDay("end"),
    nationalDeadlineAt: optionalParisDay("end"),
    resultsAt: optionalParisDay("start"),
    envelopeCents: cents.max(2_000_000_000, {
      message: "L'enveloppe ne peut dépasser 20 000 000 €.",
    }),
    minGrantCents: cents,
    maxGrantCents: cents,
    durationMonths: z.number().int().min(1).max(60),
    minEvaluators: z.number().int().min(1).max(10).default(2),
    selectionMethod: z
      .enum(SelectionMethod, { message: "Choisissez la méthode de sélection." })
      .default("MERIT_ORDER"),
    qualityThreshold: qualityThreshold.default(0),
    reserveListLength: reserveListLength.default(5),
    adjustLastGrant: z.boolean().default(false),
    grantorName: z.string().trim().max(200, { message: "200 caractères au plus." }).default(""),
    grantorSiret: grantorSiret.default(""),
    levers: z
      .array(
        z.object({
          code,
          title: text(200, "l'intitulé du levier"),
          description: z.string().trim().max(3000).default(""),
        }),
      )
      .min(1, { message: "Définissez au moins un levier." }),
    priorities: z.array(
      z.object({
        label: text(200, "l'intitulé de la priorité"),
        territoryTypes: z.array(z.enum(TerritoryType)).min(1),
        minShareBps: bps,
      }),
    ),
    learningCommunities: z.array(
      z.object({
        code,
        name: text(200, "le nom de la communauté"),
        description: z.string().trim().max(2000).default(""),
      }),
    ),
    documentKinds: z
      .array(
        z.object({
          code,
          label: text(200, "l'intitulé de la pièce"),
          description: z.string().trim().max(1000).default(""),
          required: z.boolean(),
        }),
      )
      .min(1, { message: "Définissez au moins une pièce à joindre." }),
    criteria: z
      .array(criterionSchema)
      .min(1, { message: "La grille doit compter au moins un critère." }),
    tranches: z
      .array(
        z.object({
          label: text(200, "l'intitulé de la tranche"),
          shareBps: bps.min(1),
          condition: z.enum(TrancheCondition),
        }),
      )
      .min(1, { message: "Définissez au moins une tranche de versement." }),
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (c.deadlineAt <= c.opensAt)
      issue("deadlineAt", "La date limite de dépôt doit suivre la date d'ouverture.");
    if (c.regionalDeadlineAt && c.regionalDeadlineAt <= c.deadlineAt)
      issue(
        "regionalDeadlineAt",
        "L'instruction régionale doit finir après la date limite de dépôt.",
      );
    if (c.nationalDeadlineAt && c.nationalDeadlineAt <= (c.regionalDeadlineAt ?? c.deadlineAt))
      issue("nationalDeadlineAt", "L'analyse nationale doit finir après l'instruction régionale.");
    if (c.resultsAt && c.resultsAt < (c.nationalDeadlineAt ?? c.regionalDeadlineAt ?? c.deadlineAt))
      issue("resultsAt", "Les résultats ne peuvent être publiés avant la fin de l'instruction.");
    if (c.minGrantCents > c.maxGrantCents)
      issue("minGrantCents", "Le montant minimum doit être inférieur ou égal au maximum.");
    if (c.maxGrantCents > c.envelopeCents)
      issue("maxGrantCents", "Le montant maximum ne peut dépasser l'enveloppe.");
    const weights = c.criteria.reduce((s, k) => s + k.weightBps, 0);
    if (weights !== 10_000)
      issue(
        "criteria",
        `Les pondérations doivent totaliser 100 % (actuellement ${weights / 100} %).`,
      );
    const shares = c.tranches.reduce((s, t) => s + t.shareBps, 0);
    if (shares !== 10_000)
      issue("tranches", `Les tranches doivent totaliser 100 % (actuellement ${shares / 100} %).`);
    if (!uniqueCodes(c.criteria)) issue("criteria", "Deux critères ont le même code.");
    if (!uniqueCodes(c.levers)) issue("levers", "Deux leviers ont le même code.");
    if (!uniqueCodes(c.documentKinds)) issue("documentKinds", "Deux pièces ont le même code.");
    if (!uniqueCodes(c.learningCommunities))
      issue("learningCommunities", "Deux communautés ont le même code.");
    if (c.grantorSiret && !c.grantorName)
      issue("grantorName", "Saisissez le nom de l'autorité attribuante.");
    if (c.grantorName && !c.grantorSiret)
      issue("grantorSiret", "Saisissez le numéro SIRET de l'autorité attribuante.");
    if (c.priorities.reduce((s, p) => s + p.minShareBps, 0) > 10_000)
      issue("priorities", "Les parts réservées aux priorités dépassent 100 % de l'enveloppe.");
  });

/** The fields of the selection rules: frozen once the call's decisions are finalised. */
export const SELECTION_RULE_FIELDS = [
  "selectionMethod",
  "qualityThreshold",
  "reserveListLength",
  "adjustLastGrant",
  "envelopeCents",
  "minGrantCents",
  "maxGrantCents",
] as const;

export type CallInput = z.input<typeof callInputSchema>;
export type CallData = z.output<typeof callInputSchema>;
