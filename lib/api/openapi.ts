// The OpenAPI 3.1 description of the REST API, served at /api/v1/openapi.json, written from the zod
// schemas of lib/api/schema.ts: the query the endpoints parse and the answers they are typed by. The
// integration tests validate real answers of every endpoint against it.

import {
  API_SCOPES,
  type ApiScope,
  apiApplicationListSchema,
  apiApplicationSchema,
  apiCallListSchema,
  apiCallSchema,
  apiConventionListSchema,
  apiConventionSchema,
  apiDecisionListSchema,
  apiDecisionSchema,
  apiErrorSchema,
  apiPageSchema,
  apiPaginationSchema,
  apiPaymentListSchema,
  apiPaymentSchema,
} from "@/lib/api/schema";
import * as z from "@/lib/zod";

type JsonSchema = z.core.JSONSchema.BaseSchema;

/**
 * What zod adds that says nothing to a reader of the document: the bounds of a safe integer (every
 * JSON integer of the API is one) and the regular expression of a date format already named.
 */
function tidy({ jsonSchema }: { jsonSchema: JsonSchema }) {
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.format === "date-time" || jsonSchema.format === "date") delete jsonSchema.pattern;
}

/** The schemas of the answers, each under its name in components/schemas (JSON Schema 2020-12). */
const components = z.registry<{ id: string }>();
const NAMED = {
  Error: apiErrorSchema,
  Pagination: apiPaginationSchema,
  Call: apiCallSchema,
  Application: apiApplicationSchema,
  Decision: apiDecisionSchema,
  Convention: apiConventionSchema,
  Payment: apiPaymentSchema,
  CallList: apiCallListSchema,
  ApplicationList: apiApplicationListSchema,
  DecisionList: apiDecisionListSchema,
  ConventionList: apiConventionListSchema,
  PaymentList: apiPaymentListSchema,
};
for (const [id, schema] of Object.entries(NAMED)) components.add(schema, { id });
const generated: Record<string, JsonSchema> = z.toJSONSchema(components, {
  uri: (id) => `#/components/schemas/${id}`,
  override: tidy,
}).schemas;
// Each schema comes as a document of its own ($schema, $id): in components it is part of this one.
const schemas = Object.fromEntries(
  Object.entries(generated).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]),
) as Record<keyof typeof NAMED, JsonSchema>;

/** The query parameters of every list, from the schema its endpoint parses them with. */
const query = z.toJSONSchema(apiPageSchema, { io: "input", override: tidy });
const parameters = Object.entries(query.properties ?? {}).map(([name, property]) => {
  const { description, ...schema } = property as JsonSchema;
  return {
    name,
    in: "query",
    required: query.required?.includes(name) ?? false,
    description,
    schema,
  };
});

const ref = (name: keyof typeof NAMED) => ({
  "application/json": { schema: { $ref: `#/components/schemas/${name}` } },
});

const errors = {
  "401": {
    description: "Jeton manquant, inconnu, expiré ou révoqué (ou compte désactivé).",
    content: ref("Error"),
  },
  "403": {
    description: "Le jeton n'a pas la portée nécessaire à cette ressource.",
    content: ref("Error"),
  },
  "422": { description: "Paramètre invalide (page, limit).", content: ref("Error") },
  "429": {
    description:
      "Trop de requêtes pour ce jeton : réessayez après le délai de l'en-tête Retry-After.",
    content: ref("Error"),
  },
  "503": {
    description:
      "Base de données momentanément injoignable : réessayez après le délai de l'en-tête Retry-After.",
    content: ref("Error"),
  },
};

const path = (
  summary: string,
  scope: ApiScope,
  schema: keyof typeof NAMED,
  description: string,
) => ({
  get: {
    summary,
    description,
    security: [{ bearer: [scope] }],
    parameters,
    responses: {
      "200": { description: "Une page de résultats.", content: ref(schema) },
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
    schemas,
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
};
