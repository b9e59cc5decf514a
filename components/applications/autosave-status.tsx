"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { AutosaveState } from "./use-autosave";

const time = (d: Date) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" })
    .format(d)
    .replace(":", " h ");

/** Where the draft stands: announced to screen readers, with the choices a conflict calls for. */
export function AutosaveStatus({
  state,
  onReload,
  onOverwrite,
}: {
  state: AutosaveState;
  onReload: () => void;
  onOverwrite: () => void;
}) {
  if (state.kind === "closed") {
    return (
      <div className="w-full" role="alert">
        <Alert
          severity="warning"
          as="h2"
          small={false}
          title="Modifications non enregistrées"
          description={state.message}
        />
        <Button className="fr-mt-2w" priority="secondary" onClick={onReload}>
          Afficher le dossier
        </Button>
      </div>
    );
  }
  if (state.kind === "conflict") {
    return (
      <div className="w-full" role="alert">
        <Alert
          severity="warning"
          as="h2"
          small={false}
          title="Modifications non enregistrées"
          description={state.message}
        />
        <div className="fr-mt-2w flex flex-wrap gap-4">
          <Button priority="secondary" onClick={onReload}>
            Recharger la version enregistrée
          </Button>
          <Button onClick={onOverwrite}>Enregistrer mes saisies à la place</Button>
        </div>
      </div>
    );
  }
  const text =
    state.kind === "saved"
      ? state.at
        ? `Enregistré à ${time(state.at)}`
        : "Brouillon enregistré"
      : state.kind === "pending" || state.kind === "saving"
        ? "Enregistrement…"
        : state.kind === "offline"
          ? `Connexion perdue : nouvel essai dans ${state.retryInSeconds} s. Vos saisies sont conservées dans cette page.`
          : `Brouillon non enregistré : ${state.message}`;
  const busy = state.kind === "pending" || state.kind === "saving";
  return (
    <p
      className={`fr-text--sm fr-mb-0 ${state.kind === "offline" || state.kind === "invalid" ? "fr-error-text" : ""}`}
    >
      <span
        className={
          state.kind === "saved"
            ? "fr-icon-check-line fr-icon--sm"
            : "fr-icon-refresh-line fr-icon--sm"
        }
        aria-hidden="true"
      />{" "}
      {/* Only outcomes are announced (saved, failed), not each save in progress. */}
      {busy ? <span>{text}</span> : <span role="status">{text}</span>}
    </p>
  );
}
