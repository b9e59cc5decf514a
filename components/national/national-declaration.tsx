"use client";
// A CNA member's declaration of interests on a dossier, before reading it: checked in the browser with the
// server's schema, confirmed (it cannot be changed), then sent. No conflict: the page shows the dossier;
// a conflict: the member is told, and the dossier stays closed to them.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { FormMessages } from "@/components/regional/action-form";
import { ERROR_MESSAGES, type FieldErrors } from "@/lib/errors";
import { declareNationalInterestAction } from "@/lib/national/actions";
import { nationalInterestSchema } from "@/lib/national/schema";
import { fieldErrorsOf } from "@/lib/validation";

type Props = { applicationId: string; poleName: string; backHref: string };

export function NationalDeclarationForm({ applicationId, poleName, backHref }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [choice, setChoice] = useState<"no" | "yes" | null>(null);
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [withdrawn, setWithdrawn] = useState(false);
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmation.current?.focus();
  }, [confirming]);
  const input = { hasConflict: choice === null ? null : choice === "yes", reason };
  const fieldError = (path: string) => fieldErrors[path]?.join(" ");

  if (withdrawn) {
    return (
      <div>
        <FormMessages
          error={null}
          done="Déclaration enregistrée : vous avez déclaré un conflit d'intérêts, vous ne prenez pas part à l'analyse ni à la décision sur ce dossier."
        />
        <Link href={backHref} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Retour à la vue nationale
        </Link>
      </div>
    );
  }

  function check() {
    const parsed = nationalInterestSchema.safeParse(input);
    if (parsed.success) {
      setError(null);
      setFieldErrors({});
      setConfirming(true);
      return;
    }
    setError(ERROR_MESSAGES.VALIDATION);
    setFieldErrors(fieldErrorsOf(parsed.error.issues));
  }

  function send() {
    start(async () => {
      const r = await declareNationalInterestAction(
        applicationId,
        input as { hasConflict: boolean; reason: string },
      );
      setConfirming(false);
      if (!r.ok) {
        setError(r.message);
        setFieldErrors(r.fieldErrors ?? {});
        return;
      }
      if (r.data.hasConflict) setWithdrawn(true);
      else router.refresh();
    });
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        check();
      }}
    >
      <FormMessages error={error} />
      <RadioButtons
        legend={`Avez-vous un lien avec le pôle « ${poleName} », ses membres ou sa structure porteuse (adhésion, mandat, emploi, lien familial, intérêt financier) ?`}
        name="interet"
        state={fieldError("hasConflict") ? "error" : "default"}
        stateRelatedMessage={fieldError("hasConflict")}
        options={[
          {
            label: "Je n'ai aucun conflit d'intérêts avec ce dossier",
            nativeInputProps: {
              value: "no",
              checked: choice === "no",
              onChange: () => {
                setChoice("no");
                setConfirming(false);
              },
            },
          },
          {
            label: "J'ai un conflit d'intérêts avec ce dossier",
            nativeInputProps: {
              value: "yes",
              checked: choice === "yes",
              onChange: () => {
                setChoice("yes");
                setConfirming(false);
              },
            },
          },
        ]}
      />
      {choice === "yes" && (
        <Input
          textArea
          label="Nature du lien"
          hintText="10 caractères au moins. Vous ne lirez pas ce dossier et ne prendrez pas part à la décision le concernant."
          state={fieldError("reason") ? "error" : "default"}
          stateRelatedMessage={fieldError("reason")}
          nativeTextAreaProps={{
            value: reason,
            onChange: (e) => {
              setReason(e.target.value);
              setConfirming(false);
            },
            rows: 3,
            maxLength: 1000,
            name: "reason",
          }}
        />
      )}
      {confirming ? (
        <div
          ref={confirmation}
          tabIndex={-1}
          className="fr-p-2w fr-background-alt--grey"
          role="group"
          aria-label="Confirmation de la déclaration"
        >
          <p className="fr-mb-2w">
            {choice === "yes"
              ? "Vous déclarez un conflit d'intérêts : le dossier vous restera fermé. Une déclaration ne se modifie pas. Confirmez-vous ?"
              : "Vous déclarez n'avoir aucun conflit d'intérêts avec ce dossier. Une déclaration ne se modifie pas. Confirmez-vous ?"}
          </p>
          <div className="flex flex-wrap gap-4">
            <Button type="button" disabled={pending} onClick={send}>
              Confirmer ma déclaration
            </Button>
            <Button type="button" priority="secondary" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
          </div>
        </div>
      ) : (
        <Button type="submit" disabled={pending}>
          Enregistrer ma déclaration
        </Button>
      )}
    </form>
  );
}
