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
            setResult(r.ok ? r.data : { ok: false, text: r.message });
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
