// The REST API in zod: the scopes and creation form of personal access tokens, the query of a list,
// and what each endpoint answers (lib/api/openapi.ts writes the OpenAPI document from these).

import {
  ApplicationStatus,
  CallPhase,
  ConventionStatus,
  DecisionOutcome,
  TerritoryType,
} from "@/lib/generated/prisma/enums";
import * as z from "@/lib/zod";

export const API_SCOPES = [
  "calls:read",
  "applications:read",
  "decisions:read",
  "conventions:read",
  "payments:read",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_LABELS: Record<ApiScope, string> = {
  "calls:read": "Appels",
  "applications:read": "Dossiers (résumé)",
  "decisions:read": "Décisions",
  "conventions:read": "Conventions",
  "payments:read": "Versements",
};

const MAX_TOKEN_DAYS = 365;
export const TOKEN_DURATIONS = [30, 90, 180, 365] as const;

export const createTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(3, {
      message:
        "Donnez un nom au jeton (3 caractères au moins), par exemple « Tableau de bord régional ».",
    })
    .max(80, { message: "80 caractères au plus." }),
  scopes: z
    .array(z.enum(API_SCOPES, { message: "Portée inconnue." }))
    .min(1, { message: "Choisissez au moins une portée." }),
  expiresInDays: z
    .number({ message: "Choisissez une durée de validité." })
    .int()
    .min(1, { message: "Choisissez une durée de validité." })
    .max(MAX_TOKEN_DAYS, { message: `Un jeton vaut au plus ${MAX_TOKEN_DAYS} jours.` }),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

/** ?page= and ?limit= of an API list: strict (a bad value is an error, not a silent default). */
const API_MAX_LIMIT = 100;
export const apiPageSchema = z.object({
  page: z.coerce
    .number({ message: "« page » doit être un entier à partir de 1." })
    .int({ message: "« page » doit être un entier à partir de 1." })
    .min(1, { message: "« page » doit être un entier à partir de 1." })
    .max(100_000, { message: "« page » est trop grand." })
    .default(1)
    .describe("Page (à partir de 1)."),
  limit: z.coerce
    .number({ message: `« limit » doit être un entier de 1 à ${API_MAX_LIMIT}.` })
    .int({ message: `« limit » doit être un entier de 1 à ${API_MAX_LIMIT}.` })
    .min(1, { message: `« limit » doit être un entier de 1 à ${API_MAX_LIMIT}.` })
    .max(API_MAX_LIMIT, { message: `« limit » doit être un entier de 1 à ${API_MAX_LIMIT}.` })
    .default(50)
    .describe(`Éléments par page (1 à ${API_MAX_LIMIT}).`),
  call: z
    .string()
    .max(100)
    .optional()
    .describe("Identifiant lisible d'un appel (slug), ex. ami-ptce-2025."),
});

// ── What the endpoints answer ──
// Amounts in euro cents, instants in UTC as Date.toISOString() writes them, days as YYYY-MM-DD.
const instant = z.iso.datetime();

/** An error, as lib/http.ts writes it. */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
});

export const apiPaginationSchema = z.object({
  page: z.int().min(1),
  limit: z.int().min(1).max(API_MAX_LIMIT),
  total: z.int().min(0),
  pageCount: z.int().min(1),
});

export const apiCallSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  year: z.int(),
  phase: z.enum(CallPhase).exclude(["DRAFT"]), // drafts are not published
  opensAt: instant,
  deadlineAt: instant,
  envelopeCents: z.int(),
  minGrantCents: z.int(),
  maxGrantCents: z.int(),
  durationMonths: z.int(),
});

export const apiApplicationSchema = z.object({
  id: z.string(),
  call: z.string(),
  reference: z.string().nullable(),
  title: z.string(),
  poleName: z.string(),
  regionCode: z.string(),
  territoryType: z.enum(TerritoryType),
  status: z.enum(ApplicationStatus),
  amountRequestedCents: z.int().nullable(),
  submittedAt: instant.nullable(),
});

export const apiDecisionSchema = z.object({
  id: z.string(),
  call: z.string(),
  applicationId: z.string(),
  reference: z.string().nullable(),
  outcome: z.enum(DecisionOutcome),
  amountCents: z.int().nullable(),
  reserveRank: z.int().nullable(),
  decidedAt: instant,
  publishedAt: instant.nullable(),
});

export const apiConventionSchema = z.object({
  id: z.string(),
  number: z.string().regex(/^PTCE-\d{4}-\d{3,}$/),
  call: z.string(),
  applicationId: z.string(),
  reference: z.string().nullable(),
  status: z.enum(ConventionStatus),
  amountCents: z.int(),
  paidCents: z.int(),
  sentAt: instant.nullable(),
  signatureDueAt: instant.nullable(),
  signedByPoleAt: instant.nullable(),
  countersignedAt: instant.nullable(),
});

export const apiPaymentSchema = z.object({
  id: z.string(),
  conventionId: z.string(),
  conventionNumber: z.string(),
  tranche: z.string().nullable(),
  amountCents: z.int().min(1),
  paidOn: z.iso.date(),
  accountingReference: z.string(),
});

/** One page of a list: its items and where it stands. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), pagination: apiPaginationSchema });
export const apiCallListSchema = listOf(apiCallSchema);
export const apiApplicationListSchema = listOf(apiApplicationSchema);
export const apiDecisionListSchema = listOf(apiDecisionSchema);
export const apiConventionListSchema = listOf(apiConventionSchema);
export const apiPaymentListSchema = listOf(apiPaymentSchema);

export type ApiList<T> = { data: T[]; pagination: z.output<typeof apiPaginationSchema> };
export type ApiCall = z.output<typeof apiCallSchema>;
export type ApiApplication = z.output<typeof apiApplicationSchema>;
export type ApiDecision = z.output<typeof apiDecisionSchema>;
export type ApiConvention = z.output<typeof apiConventionSchema>;
export type ApiPayment = z.output<typeof apiPaymentSchema>;
