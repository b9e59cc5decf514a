"use client";
// Saves the draft shortly after each change, shows when it was saved, retries when the network
// fails, warns before leaving with unsaved changes, and stops on a version conflict (nothing is
// overwritten: the person decides).
import { useCallback, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/errors";

export type AutosaveState =
  | { kind: "saved"; at: Date | null }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "offline"; retryInSeconds: number }
  | { kind: "conflict"; message: string }
  | { kind: "closed"; message: string }
  | { kind: "invalid"; message: string; fieldErrors?: Record<string, string[]> };

type Save<T> = (
  version: number,
  values: T,
) => Promise<ActionResult<{ version: number; savedAt: Date }>>;

export function useAutosave<T>(initialVersion: number, save: Save<T>, delayMs = 1000) {
  const [state, setState] = useState<AutosaveState>({ kind: "saved", at: null });
  const version = useRef(initialVersion);
  const latest = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const failures = useRef(0);
  const stopped = useRef(false);
  const invalid = useRef(false);

  const flush = useCallback(async (): Promise<void> => {
    if (inFlight.current || stopped.current || latest.current === null) return;
    const values = latest.current;
    latest.current = null;
    inFlight.current = true;
    setState({ kind: "saving" });
    let result: Awaited<ReturnType<Save<T>>>;
    try {
      result = await save(version.current, values);
    } catch {
      result = { ok: false, code: "INTERNAL", message: "Connexion perdue." };
    }
    inFlight.current = false;
    if (result.ok) {
      failures.current = 0;
      invalid.current = false;
      version.current = result.data.version;
      if (latest.current === null) setState({ kind: "saved", at: new Date(result.data.savedAt) });
      else void flush();
      return;
    }
    if (result.code === "CONFLICT" || result.code === "INVALID_STATE") {
      stopped.current = true;
      latest.current = values;
      setState(
        result.code === "CONFLICT"
          ? { kind: "conflict", message: result.message }
          : { kind: "closed", message: result.message },
      );
      return;
    }
    if (result.code === "VALIDATION") {
      // Kept as unsaved: the person corrects the value, and the next change saves everything.
      latest.current ??= values;
      invalid.current = true;
      setState({
        kind: "invalid",
        message: result.message,
        ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}),
      });
      return;
    }
    // Network or server failure: keep the values and try again, waiting longer each time.
    latest.current ??= values;
    failures.current += 1;
    const wait = Math.min(30, 2 ** failures.current);
    setState({ kind: "offline", retryInSeconds: wait });
    timer.current = setTimeout(() => void flush(), wait * 1000);
  }, [save]);

  const schedule = useCallback(
    (values: T) => {
      if (stopped.current) {
        latest.current = values;
        return;
      }
      latest.current = values;
      setState((s) => (s.kind === "offline" ? s : { kind: "pending" }));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    [flush, delayMs],
  );

  /** After a conflict: save the person's values over the newer version they now know about. */
  const overwrite = useCallback(
    (currentVersion: number, values: T) => {
      version.current = currentVersion;
      stopped.current = false;
      latest.current = values;
      void flush();
    },
    [flush],
  );

  /** Saves what is pending now and waits until nothing is left unsaved (false if that failed). */
  const drain = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    for (let i = 0; i < 100; i++) {
      if (stopped.current || invalid.current) return false;
      if (!inFlight.current && latest.current === null) return true;
      if (!inFlight.current) await flush();
      else await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }, [flush]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (latest.current !== null || inFlight.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      clearTimeout(timer.current);
    };
  }, []);

  return {
    state,
    schedule,
    flush,
    drain,
    overwrite,
    unsaved: () => latest.current !== null || inFlight.current,
  };
}
