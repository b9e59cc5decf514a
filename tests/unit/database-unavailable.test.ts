import { describe, expect, it, vi } from "vitest";
import { AppError, ERROR_MESSAGES, isDatabaseUnavailable, toActionFailure } from "@/lib/errors";

// The shapes Prisma 7 with @prisma/adapter-pg threw when PostgreSQL was stopped and started again
// (tests/integration/database-restart.test.ts), reduced to what the classification reads.
const driverError = (cause: Record<string, unknown>) => ({
  driverAdapterError: Object.assign(new Error(String(cause.kind)), { cause }),
});
const prismaError = (code: string, message: string, meta?: unknown) =>
  Object.assign(new Error(message), { name: "PrismaClientKnownRequestError", code, meta });

describe("a lost database connection", () => {
  it.each([
    [
      "refused (P1001)",
      prismaError(
        "P1001",
        "Can't reach database server at 127.0.0.1:5432",
        driverError({ kind: "DatabaseNotReachable" }),
      ),
    ],
    [
      "reset (P1017)",
      prismaError(
        "P1017",
        "Server has closed the connection.",
        driverError({ kind: "ConnectionClosed" }),
      ),
    ],
    [
      "shutting down (P2039, 57P03)",
      prismaError(
        "P2039",
        "Database error. Code: `57P03`.",
        driverError({ kind: "postgres", code: "57P03" }),
      ),
    ],
    [
      "ended by the administrator (P2010, 57P01)",
      prismaError(
        "P2010",
        "Raw query failed. Code: `57P01`.",
        driverError({ kind: "postgres", code: "57P01" }),
      ),
    ],
    [
      "a connection exception (class 08)",
      prismaError("P2039", "Database error.", driverError({ kind: "postgres", code: "08006" })),
    ],
    [
      "pg inside a transaction",
      new Error("Client has encountered a connection error and is not queryable"),
    ],
    ["pg, the socket closed", new Error("Connection terminated unexpectedly")],
    ["pg, no connection in time", new Error("timeout exceeded when trying to connect")],
    [
      "a socket error",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    ],
  ])("is recognised: %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    [
      "a unique constraint (P2002)",
      prismaError(
        "P2002",
        "Unique constraint failed",
        driverError({ kind: "UniqueConstraintViolation" }),
      ),
    ],
    [
      "a check constraint (23514)",
      prismaError("P2039", "Database error.", driverError({ kind: "postgres", code: "23514" })),
    ],
    [
      "an expired transaction (P2028)",
      prismaError(
        "P2028",
        "Transaction already closed: the timeout for this transaction was 5000 ms",
      ),
    ],
    ["a bug", new TypeError("Cannot read properties of undefined")],
    ["a known error", new AppError("CONFLICT")],
  ])("is not confused with %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("becomes the French « réessayez » of UNAVAILABLE in a server action's result, without a stack", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = toActionFailure(
      prismaError("P1001", "Can't reach database server at 127.0.0.1:5432"),
    );
    expect(result).toEqual({ ok: false, code: "UNAVAILABLE", message: ERROR_MESSAGES.UNAVAILABLE });
    expect(result.message).toBe(
      "Le service est momentanément indisponible. Vos données déjà enregistrées sont conservées : réessayez dans quelques instants.",
    );
    expect(log.mock.calls.flat().some((a) => a instanceof Error)).toBe(false);
    log.mockRestore();
  });
});
