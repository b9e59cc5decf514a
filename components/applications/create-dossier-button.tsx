"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createApplicationAction } from "@/lib/applications/actions";

export function CreateDossierButton({ callId }: { callId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        iconId="fr-icon-file-add-line"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await createApplicationAction(callId);
            if (r.ok && r.data) router.push(`/mes-dossiers/${r.data.id}`);
            else if (!r.ok) setError(r.message);
          })
        }
      >
        {pending ? "Création…" : "Créer mon dossier de candidature"}
      </Button>
      {error && (
        <p className="fr-error-text" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
