"use client";
// A form of one text field sent to a server action (a co-editor's address, a message). The typed value
// is sent as typed: the server parses it with the same schema. The field's message is the browser's
// parse, else the server's (its field error or its message); a success empties the field.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { type DefaultValues, type Path, useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/errors";
import type * as z from "@/lib/zod";

export function useOneFieldForm<K extends string>({
  schema,
  name,
  send,
  onSent,
  onNotSent,
}: {
  schema: z.ZodType<Record<K, string>, Record<K, string>>;
  name: K;
  send: (value: string) => Promise<ActionResult<unknown>>;
  /** After a success, before the field is emptied. */
  onSent?: (value: string) => void;
  /** After a refusal, by the browser's parse or by the server. */
  onNotSent?: () => void;
}) {
  type Values = Record<K, string>;
  const field = name as unknown as Path<Values>;
  const empty = { [name]: "" } as DefaultValues<Values>;
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    reValidateMode: "onSubmit",
    defaultValues: empty,
  });
  const fieldMessage = form.formState.errors[name]?.message ?? error;
  const submit = form.handleSubmit(
    () => {
      const value = form.getValues()[name];
      start(async () => {
        const r = await send(value);
        if (!r.ok) {
          const fieldError = r.fieldErrors?.[name]?.[0];
          if (fieldError) form.setError(field, { message: fieldError });
          setError(fieldError ? null : r.message);
          onNotSent?.();
        } else {
          setError(null);
          onSent?.(value);
          form.reset(empty);
          router.refresh();
        }
      });
    },
    () => {
      setError(null);
      onNotSent?.();
    },
  );
  return { form, fieldMessage, submit, pending, start, setError };
}
