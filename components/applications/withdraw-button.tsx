"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { withdrawApplicationAction } from "@/lib/applications/actions";

export function WithdrawButton({ applicationId }: { applicationId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!open) {
    return (
      <Button priority="tertiary" iconId="fr-icon-close-circle-line" onClick={() => setOpen(true)}>
        Retirer ma candidature
      </Button>
    );
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a confirmation question with its buttons, not a set of fields: a <fieldset> would bring the browser's border and padding (the DSFR styles only .fr-fieldset) and want a <legend>
    <div
      className="fr-p-2w fr-background-alt--grey"
      role="group"
      aria-label="Confirmation du retrait"
    >
      <p>
        Retirer la candidature ? Elle ne sera plus instruite ; cette action ne peut pas être
        annulée.
      </p>
      <Input
        textArea
        label="Motif (facultatif)"
        nativeTextAreaProps={{
          value: reason,
          onChange: (e) => setReason(e.target.value),
          rows: 3,
          maxLength: 1000,
        }}
      />
      {error && <Alert severity="error" small description={error} className="fr-mb-2w" />}
      <div className="flex flex-wrap gap-4">
        <Button
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await withdrawApplicationAction(applicationId, reason);
              if (!r.ok) setError(r.message);
              else {
                setOpen(false);
                router.refresh();
              }
            })
          }
        >
          Confirmer le retrait
        </Button>
        <Button priority="secondary" onClick={() => setOpen(false)}>
          Annuler
        </Button>
      </div>
    </div>
  );
}
