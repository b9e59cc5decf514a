"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { submitApplicationAction } from "@/lib/applications/actions";
import { type Problem, STEPS } from "@/lib/applications/steps";

const stepTitle = (key: Problem["step"]) =>
  key === "pole" ? "Mon pôle" : (STEPS.find((s) => s.key === key)?.title ?? key);

/** The last step: what is missing (checked by the server), the declaration on honour, the submission. */
export function SubmissionPanel({
  applicationId,
  problems,
  deadline,
  beforeSubmit,
}: {
  applicationId: string;
  problems: Problem[];
  deadline: string;
  beforeSubmit: () => Promise<boolean>;
}) {
  const router = useRouter();
  const [honour, setHonour] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const refresh = () =>
    start(async () => {
      await beforeSubmit();
      router.refresh();
    });
  return (
    <div>
      {problems.length > 0 ? (
        <>
          <Alert
            severity="warning"
            as="h3"
            small={false}
            title="Le dossier n'est pas encore complet"
            description={`${problems.length} point${problems.length > 1 ? "s" : ""} à compléter avant le dépôt :`}
          />
          <ul className="fr-mt-2w">
            {problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list rendered as given, never reordered, added to or filtered: its position is its identity
              <li key={i}>
                <strong>{stepTitle(p.step)}</strong> : {p.message}
              </li>
            ))}
          </ul>
          <Button
            priority="secondary"
            disabled={pending}
            onClick={refresh}
            iconId="fr-icon-refresh-line"
          >
            Vérifier à nouveau
          </Button>
        </>
      ) : (
        <Alert
          severity="success"
          as="h3"
          small
          description="Le dossier est complet : vous pouvez le déposer."
        />
      )}
      <div className="fr-mt-4w">
        <Checkbox
          state={error && !honour ? "error" : "default"}
          stateRelatedMessage={
            error && !honour ? "Cochez la déclaration sur l'honneur." : undefined
          }
          options={[
            {
              label:
                "Je certifie sur l'honneur l'exactitude des informations de ce dossier et que la structure porteuse est à jour de ses obligations sociales et fiscales.",
              nativeInputProps: { checked: honour, onChange: (e) => setHonour(e.target.checked) },
            },
          ]}
        />
        <p>
          Après le dépôt, le dossier ne sera plus modifiable. Date limite : {deadline} (heure de
          Paris).
        </p>
        <div aria-live="assertive">
          {error && <Alert severity="error" small description={error} className="fr-mb-2w" />}
        </div>
        <Button
          iconId="fr-icon-send-plane-line"
          disabled={pending}
          onClick={() =>
            start(async () => {
              setError(null);
              if (!(await beforeSubmit())) {
                setError(
                  "Vos dernières saisies ne sont pas encore enregistrées. Réessayez dans un instant.",
                );
                return;
              }
              const r = await submitApplicationAction(applicationId, honour);
              if (r.ok) router.push(`/mes-dossiers/${applicationId}?depose=1`);
              else setError(r.message);
            })
          }
        >
          {pending ? "Dépôt en cours…" : "Déposer le dossier"}
        </Button>
      </div>
    </div>
  );
}
