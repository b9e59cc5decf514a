"use client";
// Sends one file to a route handler after the person confirmed it (an upload that cannot be undone).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";

export function FileUpload({
  url,
  label,
  hint,
  accept,
  confirmText,
  confirmLabel,
  onDone,
}: {
  url: string;
  label: string;
  hint: string;
  accept: string;
  /** when set, a confirmation is asked before sending */
  confirmText?: string;
  confirmLabel?: string;
  onDone?: (body: Record<string, unknown>) => void;
}) {
  const router = useRouter();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const send = async () => {
    if (!file) return;
    setSending(true);
    setError(null);
    const data = new FormData();
    data.set("documentKindId", "");
    data.set("file", file);
    const res = await fetch(url, { method: "POST", body: data }).catch(() => null);
    setSending(false);
    setConfirming(false);
    const body = ((await res?.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
    if (res?.status === 201) {
      setFile(null);
      if (input.current) input.current.value = "";
      onDone?.(body);
      router.refresh();
    } else {
      setError(typeof body.message === "string" ? body.message : "L'envoi a échoué. Réessayez.");
    }
  };

  return (
    <div className="fr-mb-3w">
      <div className={`fr-upload-group${error ? " fr-upload-group--error" : ""}`}>
        <label className="fr-label" htmlFor={id}>
          {label}
          <span className="fr-hint-text">{hint}</span>
        </label>
        <input
          ref={input}
          className="fr-upload"
          type="file"
          id={id}
          accept={accept}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
            setConfirming(false);
          }}
        />
        {error && (
          <p id={`${id}-error`} className="fr-error-text" role="alert">
            {error}
          </p>
        )}
      </div>
      {file && !confirming && (
        <Button
          className="fr-mt-2w"
          disabled={sending}
          onClick={() => (confirmText ? setConfirming(true) : void send())}
        >
          {confirmText ? `Déposer ${file.name}` : `Envoyer ${file.name}`}
        </Button>
      )}
      {file && confirming && (
        // biome-ignore lint/a11y/useSemanticElements: a confirmation question with its buttons, not a set of fields: a <fieldset> would bring the browser's border and padding (the DSFR styles only .fr-fieldset) and want a <legend>
        <div
          className="fr-mt-2w fr-p-2w fr-background-alt--grey"
          role="group"
          aria-label="Confirmation du dépôt"
        >
          <p>{confirmText}</p>
          <div className="flex flex-wrap gap-4">
            <Button disabled={sending} onClick={() => void send()}>
              {confirmLabel ?? "Confirmer"}
            </Button>
            <Button priority="secondary" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
          </div>
        </div>
      )}
      {sending && (
        <Alert severity="info" small description="Envoi en cours…" className="fr-mt-2w" />
      )}
    </div>
  );
}
