"use client";
// « Renvoyer » on a row of the delivery log: the e-mail goes back to the queue; the result is announced
// (aria-live) and the page is read again, now and once more a moment later, when the worker has sent it.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { ConfirmAction } from "@/components/national/confirm-action";
import { plural } from "@/lib/format";
import { resendFailedOfCallAction, resendNotificationAction } from "@/lib/notifications/actions";

const REFRESH_AFTER_MS = 3000;

/**
 * Rendered on every row (with `canResend` false, only the announcement): the same component stays in place
 * when the row's state changes, so that its message is not lost when the button goes away.
 */
export function ResendCell({ id, email, canResend, retrying }: { id: string; email: string; canResend: boolean; retrying: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [sentAt, setSentAt] = useState<number | null>(null);
  useEffect(() => {
    if (sentAt === null) return;
    const timer = setTimeout(() => router.refresh(), REFRESH_AFTER_MS);
    return () => clearTimeout(timer);
  }, [sentAt, router]);
  return (
    <div>
      {canResend ? (
        <Button
          priority="secondary"
          size="small"
          iconId="fr-icon-mail-line"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await resendNotificationAction(id);
              if (r.ok) {
                setResult({ ok: true, text: `Nouvel envoi demandé : le message part dans quelques instants vers ${r.data.email}.` });
                setSentAt(Date.now());
                router.refresh();
              } else setResult({ ok: false, text: r.message });
            })
          }
        >
          {pending ? "Envoi en cours…" : retrying ? "Nouvel essai maintenant" : "Renvoyer"}
          <span className="fr-sr-only"> le message à {email}</span>
        </Button>
      ) : (
        !result && <span aria-hidden="true">—</span>
      )}
      <p aria-live="polite" className="fr-text--sm fr-mb-0">
        {result && <span className={result.ok ? "fr-text-default--success" : "fr-error-text fr-mt-0"}>{result.text}</span>}
      </p>
    </div>
  );
}

/** « Renvoyer les envois en échec » of a call, after a confirmation. */
export function ResendFailedButton({ callId, count, decisionsOnly = false }: { callId: string; count: number; decisionsOnly?: boolean }) {
  if (count === 0) return null;
  return (
    <ConfirmAction
      priority="secondary"
      label={`Renvoyer les envois en échec (${count})`}
      confirmLabel="Confirmer le renvoi"
      question={
        <p>
          {plural(count, "message en échec", "messages en échec")} {decisionsOnly ? "des décisions de cet appel" : "de cet appel"} {count > 1 ? "repartent" : "repart"} dans la file d&apos;envoi, avec une nouvelle
          série de tentatives. Vérifiez d&apos;abord que la cause de l&apos;échec (adresse erronée, serveur de messagerie indisponible) est corrigée.
        </p>
      }
      run={() => resendFailedOfCallAction(callId, decisionsOnly)}
      success="Les envois en échec sont repartis dans la file d'envoi : leur état se met à jour dans quelques instants."
    />
  );
}
