"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { updateEmailPreferencesAction } from "@/lib/notifications/inbox-actions";

type Kind = { kind: string; label: string };

/**
 * Which optional notifications the person receives by e-mail (checked: by e-mail and in the list; unchecked:
 * in the list only). Every choice is valid, so the form has no schema of its own: the server parses the
 * opt-outs with emailPreferencesSchema and refuses a mandatory kind.
 */
export function EmailPreferencesForm({
  optional,
  mandatory,
  optOuts,
}: {
  optional: Kind[];
  mandatory: Kind[];
  optOuts: string[];
}) {
  const router = useRouter();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm<{ wanted: string[] }>({
    defaultValues: { wanted: optional.map((k) => k.kind).filter((k) => !optOuts.includes(k)) },
  });
  const onSubmit = form.handleSubmit(async ({ wanted }) => {
    const chosen = Array.isArray(wanted) ? wanted : wanted ? [wanted] : [];
    const r = await updateEmailPreferencesAction({
      optOuts: optional.map((k) => k.kind).filter((k) => !chosen.includes(k)),
    });
    setNotice(
      r.ok
        ? { ok: true, text: "Préférences enregistrées." }
        : { ok: false, text: [r.message, ...Object.values(r.fieldErrors ?? {}).flat()].join(" ") },
    );
    if (r.ok) router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="fr-mb-6w">
      {optional.length === 0 ? (
        <p>Aucune des notifications que vous recevez ne peut être désactivée par e-mail.</p>
      ) : (
        <>
          <Checkbox
            legend="Recevoir aussi par e-mail"
            hintText="Décochez ce que vous ne souhaitez plus recevoir par e-mail : ces notifications restent dans votre liste de notifications."
            options={optional.map((k) => ({
              label: k.label,
              nativeInputProps: { ...form.register("wanted"), value: k.kind },
            }))}
          />
          <div aria-live="polite">
            {notice && (
              <Alert
                severity={notice.ok ? "success" : "error"}
                small
                description={notice.text}
                className="fr-mb-2w"
              />
            )}
          </div>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            Enregistrer mes préférences
          </Button>
        </>
      )}
      <p className="fr-mt-3w fr-mb-1w">
        Les messages qui portent une décision, une date limite à tenir (convention, bilan, pièces
        demandées), une étape juridique de votre dossier ou la sécurité de votre compte vous sont
        toujours envoyés par e-mail : ils font foi et ne peuvent pas être désactivés.
      </p>
      <details>
        <summary>Messages toujours envoyés par e-mail ({mandatory.length})</summary>
        <ul className="fr-mt-1w fr-text--sm">
          {mandatory.map((k) => (
            <li key={k.kind}>{k.label}</li>
          ))}
        </ul>
      </details>
    </form>
  );
}
