"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { type Path, useForm } from "react-hook-form";
import { changePasswordAction, updateProfileAction } from "@/lib/users/actions";
import { passwordChangeSchema, profileSchema } from "@/lib/users/schema";
import type * as z from "@/lib/zod";
import { NewPasswordFields } from "./new-password-fields";

export function ProfileForm({ name }: { name: string }) {
  const router = useRouter();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm<z.input<typeof profileSchema>>({
    resolver: zodResolver(profileSchema),
    defaultValues: { name },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const r = await updateProfileAction(values);
    setNotice(r.ok ? { ok: true, text: "Nom enregistré." } : { ok: false, text: r.message });
    if (r.ok) router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="fr-mb-6w">
      <Input
        label="Prénom et nom"
        state={form.formState.errors.name ? "error" : "default"}
        stateRelatedMessage={form.formState.errors.name?.message}
        nativeInputProps={{ ...form.register("name"), autoComplete: "name" }}
      />
      <div aria-live="polite">
        {notice && (
          <Alert
            severity={notice.ok ? "success" : "error"}
            small
            description={notice.text}
            className="fr-mb-2w"
          />
        )}
      </div>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        Enregistrer mon nom
      </Button>
    </form>
  );
}

type PasswordValues = z.input<typeof passwordChangeSchema>;

export function PasswordChangeForm() {
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<PasswordValues>({
    resolver: zodResolver(passwordChangeSchema),
    defaultValues: { current: "", password: "", confirmation: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const r = await changePasswordAction(values);
    if (!r.ok) {
      for (const [path, messages] of Object.entries(r.fieldErrors ?? {}))
        form.setError(path as Path<PasswordValues>, { message: messages[0] });
      setFailure(r.message);
      return;
    }
    // Every session ended with the change: sign in again with the new password.
    await signOut({ callbackUrl: "/connexion?reinitialise=1" });
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      {failure && <Alert severity="error" small description={failure} className="fr-mb-2w" />}
      <PasswordInput
        label="Mot de passe actuel"
        messagesHint=""
        messages={
          errors.current?.message ? [{ severity: "error", message: errors.current.message }] : []
        }
        nativeInputProps={{ ...form.register("current"), autoComplete: "current-password" }}
      />
      <NewPasswordFields register={form.register} errors={errors} label="Nouveau mot de passe" />
      <p className="fr-hint-text">
        Après le changement, toutes vos sessions sont fermées : reconnectez-vous avec le nouveau mot
        de passe.
      </p>
      <Button type="submit" disabled={isSubmitting}>
        Changer mon mot de passe
      </Button>
    </form>
  );
}
