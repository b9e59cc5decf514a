// The servers' logs as JSON lines (pino), one object per line, with the request's id on every line
// written while a request is served, Next.js's own lines included: `npm start` and the worker hand the
// console over to pino at start (scripts/server.ts, scripts/worker.ts). No "server-only": the scripts
// load it before Next.js.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { format } from "node:util";
import pino, { type DestinationStream } from "pino";

const requests = new AsyncLocalStorage<{ requestId: string }>();

// An id a proxy in front may have given the request: kept when it looks like one, else a new one.
const PLAUSIBLE_ID = /^[\w.:-]{8,128}$/;

/** The request's id: the one a proxy sent in X-Request-Id when plausible, else a new UUID. */
export function requestIdOf(sent: string | string[] | undefined): string {
  return typeof sent === "string" && PLAUSIBLE_ID.test(sent) ? sent : randomUUID();
}

/** Runs `serve` with `requestId` attached to every line logged meanwhile. */
export function withRequestId<T>(requestId: string, serve: () => T): T {
  return requests.run({ requestId }, serve);
}

const LEVELS = [
  ["debug", "debug"],
  ["log", "info"],
  ["info", "info"],
  ["warn", "warn"],
  ["error", "error"],
] as const;

/** Warnings and errors to stderr, the rest to stdout (each line once), written at once (nothing lost on exit). */
function standardStreams(): DestinationStream {
  return pino.multistream(
    [
      { level: "debug", stream: pino.destination({ dest: 1, sync: true }) },
      { level: "warn", stream: pino.destination({ dest: 2, sync: true }) },
    ],
    { dedupe: true },
  );
}

/**
 * From now on, console.* writes JSON lines: time, level, service, requestId (while a request is served)
 * and the message as console would have formatted it (an error's stack included).
 */
export function logAsJson(
  service: string,
  destination: DestinationStream = standardStreams(),
): void {
  const logger = pino(
    {
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => requests.getStore() ?? {},
    },
    destination,
  );
  for (const [method, level] of LEVELS)
    console[method] = (...args: unknown[]) => logger[level](format(...args));
}
