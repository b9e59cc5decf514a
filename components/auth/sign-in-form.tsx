"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { SIGN_IN_ERROR, signInErrorMessage } from "@/lib/auth/messages";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { resendVerificationAction } from "@/lib/users/actions";
import { signInSchema } from "@/lib/users/schema";
import type * as z from "@/lib/zod";

type Values = z.input<typeof signInSchema>;

export function SignInForm({
  callbackUrl,
  initialError,
}: {
  callbackUrl: string | null;
  initialError: string | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(signInErrorMessage(initialError));
  const [unverified, setUnverified] = useState(false);
  const [resent, setResent] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "" },
  });

  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const result = await signIn("credentials", {
      email: values.email,
      password: values.password,
      redirect: false,
    });
    if (!result || result.error) {
      setError(signInErrorMessage(result?.error ?? "unknown"));
      setUnverified(result?.error === SIGN_IN_ERROR.unverified);
      return;
    }
    router.push(safeCallbackPath(callbackUrl) ?? "/apres-connexion");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby={error ? "connexion-erreur" : undefined}>
      <div ref={alertRef} tabIndex={-1} className="fr-mb-3w">
        {error && (
          <Alert
            id="connexion-erreur"
            severity="error"
            title="Connexion impossible"
            description={error}
            as="h2"
            small={false}
          />
        )}
      </div>
      {unverified && (
        <div className="fr-mb-3w">
          <Button
            type="button"
            priority="secondary"
            onClick={async () => {
              const r = await resendVerificationAction({ email: getValues("email") });
              setResent(
                r.ok
                  ? "Un nouveau lien de confirmation vient d'être envoyé à votre adresse."
                  : r.message,
              );
            }}
          >
            Renvoyer le lien de confirmation
          </Button>
          <p aria-live="polite" className="fr-mt-1w">
            {resent}
          </p>
        </div>
      )}
      <Input
        label="Adresse e-mail"
        hintText="Format attendu : nom@domaine.fr"
        state={errors.email ? "error" : "default"}
        stateRelatedMessage={errors.email?.message}
        nativeInputProps={{
          ...register("email"),
          type: "email",
          autoComplete: "username",
          spellCheck: false,
        }}
      />
      <PasswordInput
        label="Mot de passe"
        messagesHint=""
        messages={
          errors.password?.message ? [{ severity: "error", message: errors.password.message }] : []
        }
        nativeInputProps={{ ...register("password"), autoComplete: "current-password" }}
      />
      <Button type="submit" disabled={isSubmitting} className="fr-mt-2w">
        {isSubmitting ? "Connexion en cours…" : "Se connecter"}
      </Button>
    </form>
  );
}
