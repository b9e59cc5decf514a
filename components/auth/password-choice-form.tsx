"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { type Path, useForm } from "react-hook-form";
import type { ActionResult } from "@/lib/errors";
import { passwordChoiceSchema } from "@/lib/users/schema";
import type * as z from "@/lib/zod";
import { NewPasswordFields } from "./new-password-fields";

type Values = z.input<typeof passwordChoiceSchema>;

/** Choosing a password from a link sent by e-mail (account activation, password reset). */
export function PasswordChoiceForm({
  token,
  submit,
  submitLabel,
  successHref,
}: {
  token: string;
  submit: (values: Values) => Promise<ActionResult<unknown>>;
  submitLabel: string;
  successHref: string;
}) {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(passwordChoiceSchema),
    defaultValues: { token, password: "", confirmation: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await submit({
      token,
      password: values.password,
      confirmation: values.confirmation,
    });
    if (!result.ok) {
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {}))
        form.setError(path as Path<Values>, { message: messages[0] });
      setFailure(result.message);
      return;
    }
    router.push(successHref);
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      {failure && (
        <Alert
          severity="error"
          title="Action impossible"
          description={failure}
          as="h2"
          small={false}
          className="fr-mb-3w"
        />
      )}
      <NewPasswordFields register={form.register} errors={errors} />
      <Button type="submit" disabled={isSubmitting} className="fr-mt-2w">
        {isSubmitting ? "Enregistrement…" : submitLabel}
      </Button>
    </form>
  );
}
