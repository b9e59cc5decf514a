// Personal access tokens of the REST API: scopes and the creation form (zod only).
import { z } from "zod";

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

export const MAX_TOKEN_DAYS = 365;
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
export const API_MAX_LIMIT = 100;
export const apiPageSchema = z.object({
  page: z.coerce
    .number({ message: "« page » doit être un entier à partir de 1." })
    .int({ message: "« page » doit être un entier à partir de 1." })
    .min(1, { message: "« page » doit être un entier à partir de 1." })
    .max(100_000, { message: "« page » est trop grand." })
    .default(1),
  limit: z.coerce
    .number({ message: `« limit » doit être un entier de 1 à ${API_MAX_LIMIT}.` })
    .int({ message: `« limit » doit être un entier de 1 à ${API_MAX_LIMIT}.` })
    .min(1, { message: `« limit » doit être un entier de 1 à ${API_MAX_LIMIT}.` })
    .max(API_MAX_LIMIT, { message: `« limit » doit être un entier de 1 à ${API_MAX_LIMIT}.` })
    .default(50),
  call: z.string().max(100).optional(),
});
