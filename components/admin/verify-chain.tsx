"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState, useTransition } from "react";
import { verifyAuditChainAction } from "@/lib/audit/actions";

export function VerifyChainButton() {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="fr-mb-4w">
      <Button
        priority="secondary"
        iconId="fr-icon-shield-line"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await verifyAuditChainAction();
            if (!r.ok) setResult({ ok: false, text: r.message });
            else if (r.data.ok)
              setResult({
                ok: true,
                text: `Chaîne intacte : ${r.data.checked} événements vérifiés.`,
              });
            else
              setResult({
                ok: false,
                text: `Chaîne rompue à l'événement n° ${r.data.brokenAtId} : ${r.data.reason} (${r.data.checked} événements intacts avant lui).`,
              });
          })
        }
      >
        {pending ? "Vérification…" : "Vérifier l'intégrité du journal"}
      </Button>
      <div aria-live="polite" className="fr-mt-2w">
        {result && (
          <Alert severity={result.ok ? "success" : "error"} small description={result.text} />
        )}
      </div>
    </div>
  );
}
