// The one error type of the domain. Known codes become clear French messages; anything else is
// logged and shown as a generic error.
export type ErrorCode =
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_STATE"
  | "VALIDATION"
  | "RATE_LIMITED"
  | "UNAVAILABLE";

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHORIZED: "Connectez-vous pour continuer.",
  FORBIDDEN: "Vous n'avez pas les droits nécessaires pour cette action.",
  NOT_FOUND: "Cet élément n'existe pas ou vous n'y avez pas accès.",
  CONFLICT:
    "Cet élément a été modifié entre-temps. Rechargez la page pour voir la dernière version.",
  INVALID_STATE: "Cette action n'est pas possible à ce stade.",
  VALIDATION: "Certaines informations sont invalides. Corrigez les champs signalés.",
  RATE_LIMITED: "Trop de tentatives. Réessayez plus tard.",
  UNAVAILABLE:
    "Le service est momentanément indisponible. Vos données déjà enregistrées sont conservées : réessayez dans quelques instants.",
};

export type FieldErrors = Record<string, string[]>;

/** A text refused for holding an invisible control character (lib/validation.ts, and PostgreSQL's refusal of U+0000). */
export const CONTROL_CHARACTER_MESSAGE =
  "Ce texte contient un caractère invisible non autorisé (caractère de contrôle) : retirez-le, par exemple en retapant le passage copié.";

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
  error = databaseFailureOr(error);
  if (error instanceof AppError) {
    return {
      ok: false,
      code: error.code,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    };
  }
  console.error(error);
  return {
    ok: false,
    code: "INTERNAL",
    message: "Une erreur inattendue est survenue. Réessayez dans un instant.",
  };
}

/** A unique constraint hit by a concurrent writer becomes the same CONFLICT as the check before it. */
export function conflictOnUnique(message: string, field: string) {
  return (error: unknown): never => {
    if (
      typeof error === "object" &&
      error !== null &&
      (error as { code?: string }).code === "P2002"
    ) {
      throw new AppError("CONFLICT", message, { [field]: [message] });
    }
    throw error;
  };
}

// A lost or refused database connection (a restart, a failover, the network): the transaction was rolled back by
// PostgreSQL, so nothing is half-written and the person may simply try again. What Prisma 7 with @prisma/adapter-pg
// throws was checked against a PostgreSQL stopped and started again (tests/integration/database-restart.test.ts):
// P1001 (refused), P1017 (reset), P2039 or P2010 (raw queries) carrying SQLSTATE 57P01 (the query in flight when
// the server shut down) or 57P03 (shutting down, starting up) in meta.driverAdapterError, and pg's own errors
// without a code (« Connection terminated unexpectedly », « Client has encountered a connection error ») inside a
// transaction whose connection broke.
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const UNAVAILABLE_SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
// SQLSTATE: class 08 connection exception; 57P01-57P03 admin/crash shutdown, cannot connect now; 53300 too many connections.
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const UNAVAILABLE_MESSAGES =
  /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|Unable to start a transaction in the given time/i;

/** Whether `test` holds for a thrown value or one of its causes (Prisma's driver adapter error included). */
function inErrorChain(error: unknown, test: (e: Record<string, unknown>) => boolean): boolean {
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length) {
    const e = queue.shift();
    if (typeof e !== "object" || e === null || seen.has(e)) continue;
    seen.add(e);
    const fields = e as Record<string, unknown>;
    if (test(fields)) return true;
    queue.push(
      fields.cause,
      (fields.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError,
    );
    if (e instanceof AggregateError) queue.push(...e.errors);
  }
  return false;
}

/** Whether a thrown value means the database could not be reached or dropped the connection. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return inErrorChain(error, ({ code, errorCode, kind, message }) => {
    for (const c of [code, errorCode])
      if (
        typeof c === "string" &&
        (UNAVAILABLE_PRISMA_CODES.has(c) ||
          UNAVAILABLE_SOCKET_CODES.has(c) ||
          UNAVAILABLE_SQLSTATE.test(c))
      )
        return true;
    if (typeof kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(kind)) return true;
    return typeof message === "string" && UNAVAILABLE_MESSAGES.test(message);
  });
}

/**
 * Whether PostgreSQL refused a text holding U+0000 (SQLSTATE 22021): the forms' inputs are checked before
 * (lib/validation.ts), so this is an address or a parameter no form wrote (/api/pieces/%00).
 */
function isNulCharacterRefused(error: unknown): boolean {
  return inErrorChain(
    error,
    ({ originalCode, code, message }) =>
      originalCode === "22021" ||
      code === "22021" ||
      (typeof message === "string" && message.includes('encoding "UTF8": 0x00')),
  );
}

let lastReport = 0;
let unreported = 0;

/**
 * A failure of the database the person can act on, as an AppError: a lost connection is UNAVAILABLE, logged on one
 * line without a stack (and at most once every ten seconds, with the count since: an outage fails every request at
 * once); a text PostgreSQL cannot store is VALIDATION, with the control-character message. Any other value unchanged.
 */
export function databaseFailureOr(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (isNulCharacterRefused(error)) return new AppError("VALIDATION", CONTROL_CHARACTER_MESSAGE);
  if (!isDatabaseUnavailable(error)) return error;
  unreported += 1;
  const now = Date.now();
  if (now - lastReport >= 10_000) {
    const line = (error instanceof Error ? error.message : String(error)).trim().split("\n").pop();
    console.error(
      `Base de données injoignable (${unreported} requête${unreported > 1 ? "s" : ""} refusée${unreported > 1 ? "s" : ""} avec « réessayez ») : ${line}`,
    );
    lastReport = now;
    unreported = 0;
  }
  return new AppError("UNAVAILABLE");
}
