"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { answerComplementAction } from "@/lib/applications/actions";

export function ComplementAnswer({ requestId }: { requestId: string }) {
  const router = useRouter();
  const [answer, setAnswer] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="fr-mt-2w">
      <Input
        textArea
        label="Votre réponse (facultatif)"
        nativeTextAreaProps={{
          value: answer,
          onChange: (e) => setAnswer(e.target.value),
          rows: 3,
          maxLength: 5000,
        }}
      />
      <div aria-live="assertive">
        {error && <Alert severity="error" small description={error} className="fr-mb-2w" />}
      </div>
      <Button
        disabled={pending}
        iconId="fr-icon-send-plane-line"
        onClick={() =>
          start(async () => {
            const r = await answerComplementAction(requestId, answer);
            if (!r.ok) setError(r.message);
            else router.refresh();
          })
        }
      >
        Envoyer les pièces complémentaires
      </Button>
    </div>
  );
}
