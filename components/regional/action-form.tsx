"use client";
// The small machinery every regional form shares: run the server action, show its French error where a
// screen reader announces it (and its fields' errors at the fields of the form), refresh on success. The
// forms check their input first with react-hook-form and the zod resolver, on the schema the server
// applies (lib/regional/schema.ts: the same messages, without a round trip).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { type ActionResult, ERROR_MESSAGES } from "@/lib/errors";

/** `setFieldError`: the form's `setError`, which receives the server's field errors. */
export function useAction<F extends FieldValues = FieldValues>(setFieldError?: UseFormSetError<F>) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
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
        for (const [path, messages] of Object.entries(r.fieldErrors ?? {}))
          setFieldError?.(path as Path<F>, { message: messages.join(" ") });
        return;
      }
      setError(null);
      if (success) setDone(typeof success === "string" ? success : success(r.data));
      after?.(r.data);
      router.refresh();
    });
  }
  /** handleSubmit's answer to an input that breaks the schema: the fields show their messages. */
  function invalid() {
    setDone(null);
    setError(ERROR_MESSAGES.VALIDATION);
  }
  return { pending, error, done, run, invalid };
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
