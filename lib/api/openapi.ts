// The OpenAPI 3.1 description of the REST API, served at /api/v1/openapi.json. The integration tests
// validate real answers of every endpoint against these schemas.
import { API_MAX_LIMIT, API_SCOPES } from "@/lib/api/schema";

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({
  type: [type, "null"],
  ...extra,
});
const dateTime = { type: "string", format: "date-time" };

const listOf = (item: string) => ({
  type: "object",
  required: ["data", "pagination"],
  additionalProperties: false,
  properties: {
    data: { type: "array", items: { $ref: `#/components/schemas/${item}` } },
    pagination: { $ref: "#/components/schemas/Pagination" },
  },
});

const errors = {
  "401": {
    description: "Jeton manquant, inconnu, expiré ou révoqué (ou compte désactivé).",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "403": {
    description: "Le jeton n'a pas la portée nécessaire à cette ressource.",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "422": {
    description: "Paramètre invalide (page, limit).",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "429": {
    description:
      "Trop de requêtes pour ce jeton : réessayez après le délai de l'en-tête Retry-After.",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
};

const params = [
  {
    name: "page",
    in: "query",
    required: false,
    description: "Page (à partir de 1).",
    schema: { type: "integer", minimum: 1, default: 1 },
  },
  {
    name: "limit",
    in: "query",
    required: false,
    description: `Éléments par page (1 à ${API_MAX_LIMIT}).`,
    schema: { type: "integer", minimum: 1, maximum: API_MAX_LIMIT, default: 50 },
  },
  {
    name: "call",
    in: "query",
    required: false,
    description: "Identifiant lisible d'un appel (slug), ex. ami-ptce-2025.",
    schema: { type: "string" },
  },
];

const path = (summary: string, scope: string, schema: string, description: string) => ({
  get: {
    summary,
    description,
    security: [{ bearer: [scope] }],
    parameters: params,
    responses: {
      "200": {
        description: "Une page de résultats.",
        content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } },
      },
      ...errors,
    },
  },
});

export const OPENAPI_DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "API de la plateforme AMI PTCE",
    version: "1.0.0",
    description:
      "API en lecture seule. Authentification par jeton d'accès personnel (créé dans « Mon compte » par les membres des cellules et les administrateurs) : " +
      "en-tête `Authorization: Bearer <jeton>`. Chaque jeton a des portées et une date d'expiration (un an au plus) et peut être révoqué. " +
      "Les résultats sont limités à la fois par les portées du jeton et par les droits de son titulaire (la cellule nationale voit tout ce qui est déposé, " +
      "un coordinateur régional sa région, seules les décisions publiées hors cellule nationale). Erreurs : 401 pour un jeton manquant, inconnu, expiré ou " +
      "révoqué ; 403 pour une portée absente du jeton ; ce que les droits du titulaire ne couvrent pas n'apparaît simplement pas dans les listes. " +
      "Montants en centimes d'euro, dates en UTC (ISO 8601).",
  },
  servers: [{ url: "/api/v1" }],
  components: {
    securitySchemes: {
      bearer: {
        type: "http",
        scheme: "bearer",
        description: `Portées : ${API_SCOPES.join(", ")}.`,
      },
    },
    schemas: {
      Error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: { type: "string" },
          message: { type: "string" },
          fieldErrors: {
            type: "object",
            additionalProperties: { type: "array", items: { type: "string" } },
          },
        },
      },
      Pagination: {
        type: "object",
        required: ["page", "limit", "total", "pageCount"],
        additionalProperties: false,
        properties: {
          page: { type: "integer", minimum: 1 },
          limit: { type: "integer", minimum: 1, maximum: API_MAX_LIMIT },
          total: { type: "integer", minimum: 0 },
          pageCount: { type: "integer", minimum: 1 },
        },
      },
      Call: {
        type: "object",
        additionalProperties: false,
        required: [
          "id",
          "slug",
          "title",
          "year",
          "phase",
          "opensAt",
          "deadlineAt",
          "envelopeCents",
          "minGrantCents",
          "maxGrantCents",
          "durationMonths",
        ],
        properties: {
          id: { type: "string" },
          slug: { type: "string" },
          title: { type: "string" },
          year: { type: "integer" },
          phase: { enum: ["OPEN", "REGIONAL_REVIEW", "NATIONAL_REVIEW", "DECIDED", "ARCHIVED"] },
          opensAt: dateTime,
          deadlineAt: dateTime,
          envelopeCents: { type: "integer" },
          minGrantCents: { type: "integer" },
          maxGrantCents: { type: "integer" },
          durationMonths: { type: "integer" },
        },
      },
      Application: {
        type: "object",
        additionalProperties: false,
        required: [
          "id",
          "call",
          "reference",
          "title",
          "poleName",
          "regionCode",
          "territoryType",
          "status",
          "amountRequestedCents",
          "submittedAt",
        ],
        properties: {
          id: { type: "string" },
          call: { type: "string" },
          reference: nullable("string"),
          title: { type: "string" },
          poleName: { type: "string" },
          regionCode: { type: "string" },
          territoryType: { enum: ["RURAL", "QPV", "URBAN"] },
          status: {
            enum: [
              "DRAFT",
              "SUBMITTED",
              "COMPLEMENT_REQUESTED",
              "UNDER_REVIEW",
              "INADMISSIBLE",
              "REGIONAL_DONE",
              "LAUREATE",
              "RESERVE",
              "NOT_RETAINED",
              "WITHDRAWN",
            ],
          },
          amountRequestedCents: nullable("integer"),
          submittedAt: nullable("string", { format: "date-time" }),
        },
      },
      Decision: {
        type: "object",
        additionalProperties: false,
        required: [
          "id",
          "call",
          "applicationId",
          "reference",
          "outcome",
          "amountCents",
          "reserveRank",
          "decidedAt",
          "publishedAt",
        ],
        properties: {
          id: { type: "string" },
          call: { type: "string" },
          applicationId: { type: "string" },
          reference: nullable("string"),
          outcome: { enum: ["LAUREATE", "RESERVE", "NOT_RETAINED"] },
          amountCents: nullable("integer"),
          reserveRank: nullable("integer"),
          decidedAt: dateTime,
          publishedAt: nullable("string", { format: "date-time" }),
        },
      },
      Convention: {
        type: "object",
        additionalProperties: false,
        required: [
          "id",
          "number",
          "call",
          "applicationId",
          "reference",
          "status",
          "amountCents",
          "paidCents",
          "sentAt",
          "signatureDueAt",
          "signedByPoleAt",
          "countersignedAt",
        ],
        properties: {
          id: { type: "string" },
          number: { type: "string", pattern: "^PTCE-\\d{4}-\\d{3,}$" },
          call: { type: "string" },
          applicationId: { type: "string" },
          reference: nullable("string"),
          status: { enum: ["TO_PREPARE", "SENT", "SIGNED_BY_POLE", "COUNTERSIGNED", "CANCELLED"] },
          amountCents: { type: "integer" },
          paidCents: { type: "integer" },
          sentAt: nullable("string", { format: "date-time" }),
          signatureDueAt: nullable("string", { format: "date-time" }),
          signedByPoleAt: nullable("string", { format: "date-time" }),
          countersignedAt: nullable("string", { format: "date-time" }),
        },
      },
      Payment: {
        type: "object",
        additionalProperties: false,
        required: [
          "id",
          "conventionId",
          "conventionNumber",
          "tranche",
          "amountCents",
          "paidOn",
          "accountingReference",
        ],
        properties: {
          id: { type: "string" },
          conventionId: { type: "string" },
          conventionNumber: { type: "string" },
          tranche: nullable("string"),
          amountCents: { type: "integer", minimum: 1 },
          paidOn: { type: "string", format: "date" },
          accountingReference: { type: "string" },
        },
      },
      CallList: listOf("Call"),
      ApplicationList: listOf("Application"),
      DecisionList: listOf("Decision"),
      ConventionList: listOf("Convention"),
      PaymentList: listOf("Payment"),
    },
  },
  paths: {
    "/calls": path(
      "Appels publiés",
      "calls:read",
      "CallList",
      "Les appels publiés (hors brouillons), du plus récent au plus ancien.",
    ),
    "/applications": path(
      "Dossiers (résumé)",
      "applications:read",
      "ApplicationList",
      "Le résumé des dossiers que le titulaire du jeton peut lister.",
    ),
    "/decisions": path(
      "Décisions",
      "decisions:read",
      "DecisionList",
      "Les décisions nationales (publiées seulement, hors cellule nationale).",
    ),
    "/conventions": path(
      "Conventions",
      "conventions:read",
      "ConventionList",
      "Les conventions des lauréats (cellule nationale : toutes ; coordinateur régional : sa région).",
    ),
    "/payments": path(
      "Versements",
      "payments:read",
      "PaymentList",
      "Les versements enregistrés sur les conventions que le titulaire peut lire.",
    ),
  },
} as const;
