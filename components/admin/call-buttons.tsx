"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { changeCallPhaseAction, duplicateCallAction } from "@/lib/calls/actions";

export function DuplicateCallButton({ callId, title }: { callId: string; title: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        priority="secondary"
        size="small"
        iconId="ri-file-copy-line"
        disabled={pending}
        title={`Dupliquer ${title}`}
        onClick={() =>
          start(async () => {
            const result = await duplicateCallAction(callId);
            if (result.ok && result.data) router.push(`/admin/appels/${result.data.id}?copie=1`);
            else if (!result.ok) setError(result.message);
          })
        }
      >
        Dupliquer
      </Button>
      {error && (
        <p className="fr-error-text" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** The next phases of a call, each asked for confirmation before it applies. */
export function PhaseButtons({
  callId,
  moves,
}: {
  callId: string;
  moves: { phase: string; label: string }[];
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!moves.length) return <p>Aucun changement de phase possible.</p>;
  const target = moves.find((m) => m.phase === confirming);
  return (
    <div>
      {error && (
        <Alert
          severity="error"
          title="Changement de phase refusé"
          description={error}
          as="h3"
          small={false}
          className="fr-mb-2w"
        />
      )}
      {target ? (
        // biome-ignore lint/a11y/useSemanticElements: a confirmation question with its buttons, not a set of fields: a <fieldset> would bring the browser's border and padding (the DSFR styles only .fr-fieldset) and want a <legend>
        <div
          className="fr-p-2w fr-background-alt--grey"
          role="group"
          aria-label="Confirmation du changement de phase"
        >
          <p>
            Passer l&apos;appel en phase « {target.label} » ? Cette action est enregistrée dans le
            journal d&apos;audit.
          </p>
          <div className="flex gap-4">
            <Button
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const result = await changeCallPhaseAction(callId, target.phase);
                  setConfirming(null);
                  if (!result.ok) setError(result.message);
                  else {
                    setError(null);
                    router.refresh();
                  }
                })
              }
            >
              Confirmer : {target.label}
            </Button>
            <Button priority="secondary" onClick={() => setConfirming(null)}>
              Annuler
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-4">
          {moves.map((m) => (
            <Button key={m.phase} priority="secondary" onClick={() => setConfirming(m.phase)}>
              Passer en phase « {m.label} »
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
