"use client";
// « Renvoyer » on a row of the delivery log: the e-mail goes back to the queue; the result is announced
// (aria-live) and the page is read again, now and once more a moment later, when the worker has sent it.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useState, useTransition, type ReactNode } from "react";
import { ConfirmAction } from "@/components/national/confirm-action";
import { plural } from "@/lib/format";
import { resendFailedOfCallAction, resendNotificationAction } from "@/lib/notifications/actions";

const REFRESH_AFTER_MS = 3000;

type Result = { ok: boolean; text: string };
const Announce = createContext<((result: Result) => void) | null>(null);

/**
 * The announcement of the resends of a table, above it: it outlives the rows, which change (or leave a filtered
 * list) once the page is read again. Reads the page again a moment after a resend, when the worker has sent it.
 */
export function ResendAnnouncements({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [result, setResult] = useState<Result | null>(null);
  const [resentAt, setResentAt] = useState<number | null>(null);
  useEffect(() => {
    if (resentAt === null) return;
    const timer = setTimeout(() => router.refresh(), REFRESH_AFTER_MS);
    return () => clearTimeout(timer);
  }, [resentAt, router]);
  const announce = useCallback((r: Result) => {
    setResult(r);
    if (r.ok) setResentAt(Date.now());
  }, []);
  return (
    <Announce.Provider value={announce}>
      <div aria-live="polite" className="fr-mb-2w">
        {result && <Alert severity={result.ok ? "success" : "error"} small description={result.text} />}
      </div>
      {children}
    </Announce.Provider>
  );
}

/** The action cell of a row: « Renvoyer » (« Nouvel essai maintenant » while a retry waits), or a dash. */
export function ResendCell({ id, email, canResend, retrying }: { id: string; email: string; canResend: boolean; retrying: boolean }) {
  const router = useRouter();
  const announce = useContext(Announce);
  const [pending, start] = useTransition();
  const [local, setLocal] = useState<Result | null>(null);
  const report = announce ?? setLocal;
  return (
    // Positioned, so that the button's hidden text stays inside the table's scrolling box (at 320 px too).
    <div className="relative">
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
                report({ ok: true, text: `Nouvel envoi demandé : le message part dans quelques instants vers ${r.data.email}.` });
                router.refresh();
              } else report({ ok: false, text: r.message });
            })
          }
        >
          {pending ? "Envoi en cours…" : retrying ? "Nouvel essai maintenant" : "Renvoyer"}
          <span className="fr-sr-only"> le message à {email}</span>
        </Button>
      ) : (
        <span aria-hidden="true">—</span>
      )}
      {!announce && (
        <p aria-live="polite" className="fr-text--sm fr-mb-0">
          {local?.text}
        </p>
      )}
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
          {plural(count, "message en échec", "messages en échec")} {decisionsOnly ? "des décisions de cet appel" : "de cet appel"}{" "}
          {count > 1 ? "repartent" : "repart"} dans la file d&apos;envoi, avec une nouvelle série de tentatives. Vérifiez d&apos;abord que la cause de
          l&apos;échec (adresse erronée, serveur de messagerie indisponible) est corrigée.
        </p>
      }
      run={() => resendFailedOfCallAction(callId, decisionsOnly)}
      success="Les envois en échec sont repartis dans la file d'envoi : leur état se met à jour dans quelques instants."
    />
  );
}
