"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Path } from "react-hook-form";
import type { z } from "zod";
import { activateAccountAction } from "@/lib/users/actions";
import { activationSchema } from "@/lib/users/schema";

type Values = z.input<typeof activationSchema>;

export function ActivationForm({ token }: { token: string }) {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<Values>({ resolver: zodResolver(activationSchema), defaultValues: { token, password: "", confirmation: "" } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await activateAccountAction({ token, password: values.password, confirmation: values.confirmation });
    if (!result.ok) {
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) form.setError(path as Path<Values>, { message: messages[0] });
      setFailure(result.message);
      return;
    }
    router.push("/connexion?active=1");
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      {failure && <Alert severity="error" title="Activation impossible" description={failure} as="h2" small={false} className="fr-mb-3w" />}
      <PasswordInput
        label="Mot de passe"
        messagesHint="Votre mot de passe doit contenir :"
        messages={[{ severity: errors.password ? "error" : "info", message: errors.password?.message ?? "au moins 12 caractères" }]}
        nativeInputProps={{ ...form.register("password"), autoComplete: "new-password" }}
      />
      <PasswordInput
        label="Confirmation du mot de passe"
        messagesHint=""
        messages={errors.confirmation?.message ? [{ severity: "error", message: errors.confirmation.message }] : []}
        nativeInputProps={{ ...form.register("confirmation"), autoComplete: "new-password" }}
      />
      <Button type="submit" disabled={isSubmitting} className="fr-mt-2w">
        {isSubmitting ? "Activation…" : "Activer mon compte"}
      </Button>
    </form>
  );
}
