"use client";
// « Renvoyer » on a row of the delivery log (the e-mail goes back to the queue) and « Relancer » on a document
// whose preparation failed for good (its job is queued again): the result is announced (aria-live) and the page
// is read again, now and once more a moment later, when the worker has done it.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useTransition,
} from "react";
import { ConfirmAction } from "@/components/national/confirm-action";
import { plural } from "@/lib/format";
import {
  resendFailedOfCallAction,
  resendNotificationAction,
  retryDocumentJobAction,
} from "@/lib/notifications/actions";
import type { ResendableCounts } from "@/lib/notifications/log";

const REFRESH_AFTER_MS = 3000;

type Result = { ok: boolean; text: string };
/** `focus`: the button that was clicked leaves the page once it is read again; focus goes to the announcement. */
type Reporter = (result: Result, options?: { focus?: boolean }) => void;
const Announce = createContext<Reporter | null>(null);

/**
 * The announcement of the resends of a page or a table, above it: it outlives the rows and sections, which change
 * (or leave a filtered list) once the page is read again. Reads the page again a moment after a resend, when the
 * worker has done it. Inside another one, it adds nothing: one live region per page.
 */
export function ResendAnnouncements({ children }: { children: ReactNode }) {
  const outer = useContext(Announce);
  const router = useRouter();
  const [result, setResult] = useState<Result | null>(null);
  const [resentAt, setResentAt] = useState<number | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (resentAt === null) return;
    const timer = setTimeout(() => router.refresh(), REFRESH_AFTER_MS);
    return () => clearTimeout(timer);
  }, [resentAt, router]);
  const announce = useCallback<Reporter>((r, options) => {
    setResult(r);
    if (r.ok) setResentAt(Date.now());
    if (options?.focus) box.current?.focus();
  }, []);
  if (outer) return <>{children}</>;
  return (
    <Announce.Provider value={announce}>
      <div ref={box} tabIndex={-1}>
        <div aria-live="polite">
          {result && (
            <Alert
              severity={result.ok ? "success" : "error"}
              small
              description={result.text}
              className="fr-mb-2w"
            />
          )}
        </div>
      </div>
      {children}
    </Announce.Provider>
  );
}

/** The reporter of a button: the page's announcement, or a live region of its own beside it. */
function useReport() {
  const announce = useContext(Announce);
  const [local, setLocal] = useState<Result | null>(null);
  const report = useMemo<Reporter>(() => announce ?? ((r) => setLocal(r)), [announce]);
  const own = announce ? null : (
    <p
      aria-live="polite"
      className={local && !local.ok ? "fr-error-text fr-mt-1v fr-mb-0" : "fr-text--sm fr-mb-0"}
    >
      {local?.text}
    </p>
  );
  return { report, own };
}

/**
 * The action cell of a row: « Renvoyer » (« Nouvel essai maintenant » while a retry waits), why a one-time link
 * cannot be resent, or nothing (« Aucune action » for screen readers).
 */
export function ResendCell({
  id,
  email,
  canResend,
  retrying,
  linkLost = false,
}: {
  id: string;
  email: string;
  canResend: boolean;
  retrying: boolean;
  linkLost?: boolean;
}) {
  const router = useRouter();
  const { report, own } = useReport();
  const [pending, start] = useTransition();
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
                report({
                  ok: true,
                  text: `Nouvel envoi demandé : le message part dans quelques instants vers ${r.data.email}.`,
                });
                router.refresh();
              } else report({ ok: false, text: r.message });
            })
          }
        >
          {pending ? (
            <>
              Envoi en cours<span aria-hidden="true">…</span>
              <span className="fr-sr-only"> du message à {email}</span>
            </>
          ) : retrying ? (
            <>
              Nouvel essai maintenant<span className="fr-sr-only"> pour le message à {email}</span>
            </>
          ) : (
            <>
              Renvoyer<span className="fr-sr-only"> le message à {email}</span>
            </>
          )}
        </Button>
      ) : linkLost ? (
        <p className="fr-text--xs fr-mb-0">
          Lien à usage unique non conservé : invitez de nouveau la personne, ou « Mot de passe
          oublié ».
        </p>
      ) : (
        <>
          <span aria-hidden="true">—</span>
          <span className="fr-sr-only">Aucune action</span>
        </>
      )}
      {own}
    </div>
  );
}

/** « Renvoyer les envois en échec » of a call (those only written to the log too), after a confirmation. */
export function ResendFailedButton({
  callId,
  counts,
  decisionsOnly = false,
}: {
  callId: string;
  counts: ResendableCounts;
  decisionsOnly?: boolean;
}) {
  const count = counts.failed + counts.logged;
  if (count === 0) return null;
  const what = [
    ...(counts.failed ? [plural(counts.failed, "message en échec", "messages en échec")] : []),
    ...(counts.logged
      ? [
          plural(
            counts.logged,
            "message écrit dans le journal sans être envoyé",
            "messages écrits dans le journal sans être envoyés",
          ),
        ]
      : []),
  ].join(" et ");
  return (
    <ConfirmAction
      priority="secondary"
      label={
        counts.logged
          ? `Renvoyer les envois en échec ou non envoyés (${count})`
          : `Renvoyer les envois en échec (${count})`
      }
      confirmLabel="Confirmer le renvoi"
      question={
        <p>
          {what} {decisionsOnly ? "des décisions de cet appel" : "de cet appel"}{" "}
          {count > 1 ? "repartiront" : "repartira"} dans la file d&apos;envoi, avec une nouvelle
          série de tentatives. Vérifiez d&apos;abord que la cause de l&apos;échec (adresse erronée,
          serveur de messagerie indisponible
          {counts.logged ? ", aucun serveur SMTP configuré" : ""}) est corrigée.
        </p>
      }
      run={() => resendFailedOfCallAction(callId, decisionsOnly)}
      success="Les envois sont repartis dans la file d'envoi : leur état se met à jour dans quelques instants."
    />
  );
}

/** « Relancer » the preparation of a document that failed for good (its job is queued again). */
export function RetryJobButton({
  jobId,
  what,
}: {
  jobId: string /** e.g. « la lettre de décision du dossier AMI2025-BRE-007 » */;
  what: string;
}) {
  const router = useRouter();
  const { report, own } = useReport();
  const [pending, start] = useTransition();
  return (
    <div className="relative">
      <Button
        priority="secondary"
        size="small"
        iconId="fr-icon-refresh-line"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await retryDocumentJobAction(jobId);
            if (r.ok) {
              report(
                {
                  ok: true,
                  text: `Préparation relancée (${what}) : le document sera prêt dans quelques instants.`,
                },
                { focus: true },
              );
              router.refresh();
            } else report({ ok: false, text: r.message });
          })
        }
      >
        {pending ? (
          <>
            Relance en cours<span aria-hidden="true">…</span>
            <span className="fr-sr-only"> de la préparation de {what}</span>
          </>
        ) : (
          <>
            Relancer<span className="fr-sr-only"> la préparation de {what}</span>
          </>
        )}
      </Button>
      {own}
    </div>
  );
}
