"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RemoveWithConfirmation } from "@/components/ui/remove-with-confirmation";
import { inviteCoEditorAction, removeCoEditorAction } from "@/lib/applications/actions";
import { coEditorSchema } from "@/lib/applications/schema";
import { useOneFieldForm } from "./use-one-field-form";

export function CoEditors({
  applicationId,
  people,
}: {
  applicationId: string;
  people: { id: string; email: string; accepted: boolean }[];
}) {
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const {
    form,
    fieldMessage: emailError,
    submit: invite,
    pending,
    start,
    setError,
  } = useOneFieldForm({
    schema: coEditorSchema,
    name: "email",
    send: (email) => inviteCoEditorAction(applicationId, email),
    onSent: (email) => setNotice(`Invitation envoyée à ${email.trim().toLowerCase()}.`),
    onNotSent: () => setNotice(null),
  });
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
              <RemoveWithConfirmation
                confirming={confirming === p.id}
                onAsk={() => setConfirming(p.id)}
                onCancel={() => setConfirming(null)}
                onConfirm={() =>
                  start(async () => {
                    const r = await removeCoEditorAction(p.id);
                    setConfirming(null);
                    if (!r.ok) setError(r.message);
                    else router.refresh();
                  })
                }
                disabled={pending}
                askLabel={<>Retirer {p.email}</>}
                confirmLabel={<>Confirmer le retrait de {p.email}</>}
              />
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
