"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptInvitationAction } from "@/lib/applications/actions";

export function AcceptInvitationButton({ invitationId }: { invitationId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <>
      <Button
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await acceptInvitationAction(invitationId);
            if (r.ok && r.data) router.push(`/mes-dossiers/${r.data.applicationId}`);
            else if (!r.ok) setError(r.message);
          })
        }
      >
        Accepter et ouvrir le dossier
      </Button>
      {error && (
        <p className="fr-error-text" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
