"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { inviteCoEditorAction, removeCoEditorAction } from "@/lib/applications/actions";
import { type CoEditorInput, coEditorSchema } from "@/lib/applications/schema";

export function CoEditors({
  applicationId,
  people,
}: {
  applicationId: string;
  people: { id: string; email: string; accepted: boolean }[];
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const form = useForm<CoEditorInput>({
    resolver: zodResolver(coEditorSchema),
    reValidateMode: "onSubmit",
    defaultValues: { email: "" },
  });
  // The field's message: the browser's parse, else the server's (its field error or its message).
  const emailError = form.formState.errors.email?.message ?? error;
  const invite = form.handleSubmit(
    () => {
      // The typed address is sent as typed: the server parses it with the same schema.
      const email = form.getValues("email");
      start(async () => {
        const r = await inviteCoEditorAction(applicationId, email);
        if (!r.ok) {
          const fieldError = r.fieldErrors?.email?.[0];
          if (fieldError) form.setError("email", { message: fieldError });
          setError(fieldError ? null : r.message);
          setNotice(null);
        } else {
          setError(null);
          setNotice(`Invitation envoyée à ${email.trim().toLowerCase()}.`);
          form.reset({ email: "" });
          router.refresh();
        }
      });
    },
    () => {
      setError(null);
      setNotice(null);
    },
  );
  return (
    <section aria-labelledby="coediteurs-titre" className="fr-mt-4w">
      <h2 id="coediteurs-titre">Personnes associées au dossier</h2>
      <p>
        Invitez les personnes qui complètent le dossier avec vous (elles ne peuvent ni le retirer ni
        inviter d&apos;autres personnes).
      </p>
      {people.length > 0 && (
        <ul>
          {people.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-4">
              {p.email} — {p.accepted ? "a accepté" : "invitation envoyée"}
              {confirming === p.id ? (
                <span className="flex gap-2">
                  <Button
                    size="small"
                    disabled={pending}
                    onClick={() =>
                      start(async () => {
                        const r = await removeCoEditorAction(p.id);
                        setConfirming(null);
                        if (!r.ok) setError(r.message);
                        else router.refresh();
                      })
                    }
                  >
                    Confirmer le retrait de {p.email}
                  </Button>
                  <Button size="small" priority="secondary" onClick={() => setConfirming(null)}>
                    Annuler
                  </Button>
                </span>
              ) : (
                <Button
                  size="small"
                  priority="tertiary"
                  iconId="fr-icon-delete-line"
                  onClick={() => setConfirming(p.id)}
                >
                  Retirer {p.email}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="flex flex-wrap items-end gap-4" onSubmit={invite}>
        <Input
          label="Adresse e-mail de la personne à inviter"
          state={emailError ? "error" : "default"}
          stateRelatedMessage={emailError ?? undefined}
          nativeInputProps={{
            ...form.register("email"),
            type: "email",
            autoComplete: "off",
          }}
        />
        <Button
          type="submit"
          disabled={pending}
          priority="secondary"
          iconId="fr-icon-user-add-line"
        >
          Inviter
        </Button>
      </form>
      <p role="status">{notice}</p>
    </section>
  );
}
