"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { confirmEmailAction } from "@/lib/users/actions";

export function ConfirmEmailButton({ token }: { token: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <>
      {failure && (
        <Alert
          severity="error"
          as="h2"
          small={false}
          className="fr-mb-3w"
          title="Confirmation impossible"
          description={`${failure} Vous pouvez demander un nouveau lien depuis la page de connexion.`}
        />
      )}
      <Button
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await confirmEmailAction(token);
            if (result.ok) router.push("/connexion?active=1");
            else setFailure(result.message);
          })
        }
      >
        {pending ? "Confirmation…" : "Confirmer mon adresse e-mail"}
      </Button>
    </>
  );
}
