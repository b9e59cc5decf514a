"use client";
// A CNA member's declaration of interests on a dossier, before reading it: checked in the browser with the
// server's schema, confirmed (it cannot be changed), then sent. No conflict: the page shows the dossier;
// a conflict: the member is told, and the dossier stays closed to them.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { type Path, useForm, useWatch } from "react-hook-form";
import { FormMessages } from "@/components/regional/action-form";
import { ConflictQuestion } from "@/components/regional/conflict-question";
import { ERROR_MESSAGES } from "@/lib/errors";
import { declareNationalInterestAction } from "@/lib/national/actions";
import { nationalInterestSchema } from "@/lib/national/schema";
import type * as z from "@/lib/zod";

type Values = z.input<typeof nationalInterestSchema>;

type Props = { applicationId: string; poleName: string; backHref: string };

export function NationalDeclarationForm({ applicationId, poleName, backHref }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    // FormMessages focuses the error summary: the first field must not take the focus from it.
    shouldFocusError: false,
    resolver: zodResolver(nationalInterestSchema),
    reValidateMode: "onSubmit",
    defaultValues: { reason: "" },
  });
  const hasConflict = useWatch({ control: form.control, name: "hasConflict" });
  const choice = hasConflict === undefined ? null : hasConflict ? "yes" : "no";
  const [withdrawn, setWithdrawn] = useState(false);
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmation.current?.focus();
  }, [confirming]);
  const errors = form.formState.errors;
  const fieldError = (path: keyof Values) => errors[path]?.message;
  const choose = (value: boolean) => {
    form.setValue("hasConflict", value);
    setConfirming(false);
  };

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

  // Checked with the server's schema, then confirmed; the typed values are sent and parsed again.
  const check = form.handleSubmit(
    () => {
      setError(null);
      setConfirming(true);
    },
    () => setError(ERROR_MESSAGES.VALIDATION),
  );

  function send() {
    const { hasConflict, reason = "" } = form.getValues();
    start(async () => {
      const r = await declareNationalInterestAction(applicationId, { hasConflict, reason });
      setConfirming(false);
      if (!r.ok) {
        setError(r.message);
        form.clearErrors();
        for (const [path, messages] of Object.entries(r.fieldErrors ?? {}))
          form.setError(path as Path<Values>, { message: messages.join(" ") });
        return;
      }
      if (r.data.hasConflict) setWithdrawn(true);
      else router.refresh();
    });
  }

  return (
    <form noValidate onSubmit={check}>
      <FormMessages error={error} />
      <ConflictQuestion
        poleName={poleName}
        name="interet"
        labels={{
          no: "Je n'ai aucun conflit d'intérêts avec ce dossier",
          yes: "J'ai un conflit d'intérêts avec ce dossier",
        }}
        choice={choice}
        onChoose={choose}
        error={fieldError("hasConflict")}
      />
      {choice === "yes" && (
        <Input
          textArea
          label="Nature du lien"
          hintText="10 caractères au moins. Vous ne lirez pas ce dossier et ne prendrez pas part à la décision le concernant."
          state={fieldError("reason") ? "error" : "default"}
          stateRelatedMessage={fieldError("reason")}
          nativeTextAreaProps={{
            ...form.register("reason", { onChange: () => setConfirming(false) }),
            rows: 3,
            maxLength: 1000,
          }}
        />
      )}
      {confirming ? (
        // biome-ignore lint/a11y/useSemanticElements: a confirmation question with its buttons, not a set of fields: a <fieldset> would bring the browser's border and padding (the DSFR styles only .fr-fieldset) and want a <legend>
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
