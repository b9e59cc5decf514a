"use client";
// The small machinery every regional form shares: check the input in the browser with the schema the
// server applies (lib/regional/schema.ts: the same messages, without a round trip), run the server action,
// show its French error (and the fields' errors) where a screen reader announces it, refresh on success.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import type { z } from "zod";
import { type ActionResult, ERROR_MESSAGES, type FieldErrors } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation";

export function useAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  function run<T>(
    action: () => Promise<ActionResult<T>>,
    success?: string | ((data: T) => string),
    after?: (data: T) => void,
  ) {
    setDone(null);
    start(async () => {
      const r = await action();
      if (!r.ok) {
        setError(r.message);
        setFieldErrors(r.fieldErrors ?? {});
        return;
      }
      setError(null);
      setFieldErrors({});
      if (success) setDone(typeof success === "string" ? success : success(r.data));
      after?.(r.data);
      router.refresh();
    });
  }
  /** False, with the fields' messages shown, when the input breaks the schema; the server parses it again. */
  function valid(schema: z.ZodType, input: unknown): boolean {
    const parsed = schema.safeParse(input);
    if (parsed.success) return true;
    setDone(null);
    setError(ERROR_MESSAGES.VALIDATION);
    setFieldErrors(fieldErrorsOf(parsed.error.issues));
    return false;
  }
  const fieldError = (path: string) => fieldErrors[path]?.join(" ");
  return { pending, error, fieldError, done, run, valid, setError };
}

/** The form's error (focused so that it is read at once) or its confirmation. */
export function FormMessages({ error, done }: { error: string | null; done?: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-2w">
      {error && <Alert severity="error" small description={error} role="alert" />}
      {done && !error && <Alert severity="success" small description={done} role="status" />}
    </div>
  );
}
