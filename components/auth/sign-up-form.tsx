"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, useState } from "react";
import { type Path, useForm } from "react-hook-form";
import { signUpAction } from "@/lib/users/actions";
import { type SignUpInput, signUpSchema } from "@/lib/users/schema";
import { NewPasswordFields } from "./new-password-fields";

export function SignUpForm() {
  const [failure, setFailure] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const form = useForm<SignUpInput>({
    resolver: zodResolver(signUpSchema),
    defaultValues: { name: "", email: "", password: "", confirmation: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async () => {
    const values = form.getValues();
    const result = await signUpAction(values);
    if (!result.ok) {
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {}))
        form.setError(path as Path<SignUpInput>, { message: messages[0] });
      setFailure(result.message);
    } else {
      setFailure(null);
      setSentTo(values.email.trim().toLowerCase());
    }
    requestAnimationFrame(() => resultRef.current?.focus());
  });
  if (sentTo) {
    return (
      <div ref={resultRef} tabIndex={-1}>
        <Alert
          severity="success"
          as="h2"
          small={false}
          title="Vérifiez votre messagerie"
          description={`Un e-mail a été envoyé à ${sentTo}. Ouvrez le lien qu'il contient pour confirmer votre adresse et activer votre compte (pensez à regarder dans les indésirables).`}
        />
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <div ref={resultRef} tabIndex={-1}>
        {failure && (
          <Alert
            severity="error"
            title="Inscription impossible"
            description={failure}
            as="h2"
            small={false}
            className="fr-mb-3w"
          />
        )}
      </div>
      <Input
        label="Prénom et nom"
        state={errors.name ? "error" : "default"}
        stateRelatedMessage={errors.name?.message}
        nativeInputProps={{ ...form.register("name"), autoComplete: "name" }}
      />
      <Input
        label="Adresse e-mail"
        hintText="Format attendu : nom@domaine.fr"
        state={errors.email ? "error" : "default"}
        stateRelatedMessage={errors.email?.message}
        nativeInputProps={{
          ...form.register("email"),
          type: "email",
          autoComplete: "email",
          spellCheck: false,
        }}
      />
      <NewPasswordFields register={form.register} errors={errors} />
      <Button type="submit" disabled={isSubmitting} className="fr-mt-2w">
        {isSubmitting ? "Création…" : "Créer mon compte"}
      </Button>
    </form>
  );
}
