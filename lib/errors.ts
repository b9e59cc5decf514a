// The one error type of the domain. Known codes become clear French messages; anything else is
// logged and shown as a generic error.
export type ErrorCode =
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_STATE"
  | "VALIDATION"
  | "RATE_LIMITED";

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHORIZED: "Connectez-vous pour continuer.",
  FORBIDDEN: "Vous n'avez pas les droits nécessaires pour cette action.",
  NOT_FOUND: "Cet élément n'existe pas ou vous n'y avez pas accès.",
  CONFLICT: "Cet élément a été modifié entre-temps. Rechargez la page pour voir la dernière version.",
  INVALID_STATE: "Cette action n'est pas possible à ce stade.",
  VALIDATION: "Certaines informations sont invalides. Corrigez les champs signalés.",
  RATE_LIMITED: "Trop de tentatives. Réessayez plus tard.",
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: FieldErrors | undefined;

  constructor(code: ErrorCode, message?: string, fieldErrors?: FieldErrors) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

/** Forbidden looks like not found, so that nobody learns what exists beyond their rights. */
export const notFound = (): AppError => new AppError("NOT_FOUND");

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors };

/** Turns any thrown value into the small result a server action returns to its form. */
export function toActionFailure(error: unknown): Extract<ActionResult, { ok: false }> {
  if (error instanceof AppError) {
    return { ok: false, code: error.code, message: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
  }
  console.error(error);
  return { ok: false, code: "INTERNAL", message: "Une erreur inattendue est survenue. Réessayez dans un instant." };
}

/** A unique constraint hit by a concurrent writer becomes the same CONFLICT as the check before it. */
export function conflictOnUnique(message: string, field: string) {
  return (error: unknown): never => {
    if (typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002") {
      throw new AppError("CONFLICT", message, { [field]: [message] });
    }
    throw error;
  };
}
