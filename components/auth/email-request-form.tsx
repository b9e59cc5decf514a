"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/errors";
import { emailRequestSchema } from "@/lib/users/schema";
import type * as z from "@/lib/zod";

type Values = z.input<typeof emailRequestSchema>;

/** Asks for an e-mail to send a link to; the answer is the same whether the address has an account or not. */
export function EmailRequestForm({
  submit,
  submitLabel,
  doneText,
}: {
  submit: (v: Values) => Promise<ActionResult<unknown>>;
  submitLabel: string;
  doneText: string;
}) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(emailRequestSchema),
    defaultValues: { email: "" },
  });
  const onSubmit = form.handleSubmit(async () => {
    const result = await submit(form.getValues());
    setMessage(result.ok ? { ok: true, text: doneText } : { ok: false, text: result.message });
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <div aria-live="polite">
        {message && (
          <Alert
            severity={message.ok ? "success" : "error"}
            small
            description={message.text}
            className="fr-mb-3w"
          />
        )}
      </div>
      <Input
        label="Adresse e-mail"
        state={form.formState.errors.email ? "error" : "default"}
        stateRelatedMessage={form.formState.errors.email?.message}
        nativeInputProps={{ ...form.register("email"), type: "email", autoComplete: "email" }}
      />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {submitLabel}
      </Button>
    </form>
  );
}
