"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { zodResolver } from "@hookform/resolvers/zod";
import { type BaseSyntheticEvent, useRef, useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { errorAt } from "@/components/admin/form-fields";
import { FormMessages, useAction } from "@/components/regional/action-form";
import { weightedScore } from "@/lib/evaluations/score";
import type { Opinion } from "@/lib/generated/prisma/enums";
import { saveEvaluationAction } from "@/lib/regional/actions";
import { formatPoints, OPINION_LABELS } from "@/lib/regional/labels";
import { type EvaluationInput, evaluationSchema } from "@/lib/regional/schema";

export type GridItem = {
  id: string;
  label: string;
  description: string;
  weightBps: number;
  maxScore: number;
  levels: string[];
};

/** The scoring grid: a level per criterion with its descriptor, a comment each, the live weighted total. */
export function EvaluationForm({
  applicationId,
  grid,
  initial,
}: {
  applicationId: string;
  grid: GridItem[];
  initial: EvaluationInput;
}) {
  // A draft and a submission are checked against different schemas: the button chooses which. (The
  // schema reads a score as `unknown` and checks it: the form's values are its input.)
  const submitting = useRef(false);
  const form = useForm<EvaluationInput>({
    resolver: (values, context, options) =>
      (
        zodResolver(evaluationSchema(grid, submitting.current), undefined, {
          raw: true,
        }) as unknown as Resolver<EvaluationInput>
      )(values, context, options),
    reValidateMode: "onSubmit",
    defaultValues: initial,
  });
  const { pending, error, done, run, invalid } = useAction(form.setError);
  const [confirming, setConfirming] = useState(false);
  const values = form.watch();
  const fieldError = (path: string) => errorAt(form.formState.errors, path);
  const total = weightedScore(
    grid,
    new Map(grid.map((c) => [c.id, values.scores[c.id]?.score ?? null])),
  );
  const check =
    (submit: boolean, then: (input: EvaluationInput) => void) => (e?: BaseSyntheticEvent) => {
      submitting.current = submit;
      return form.handleSubmit(then, invalid)(e);
    };
  return (
    <form
      onSubmit={check(false, (input) =>
        run(() => saveEvaluationAction(applicationId, input, false), "Brouillon enregistré."),
      )}
    >
      {grid.map((c, i) => {
        const scoreError = fieldError(`scores.${c.id}.score`);
        const commentError = fieldError(`scores.${c.id}.comment`);
        return (
          <fieldset key={c.id} className="fr-fieldset fr-mb-4w" aria-labelledby={`critere-${c.id}`}>
            <legend id={`critere-${c.id}`} className="fr-fieldset__legend">
              <span className="fr-h6">
                {i + 1}. {c.label}{" "}
                <span className="fr-text--regular">
                  ({(c.weightBps / 100).toLocaleString("fr-FR")} % de la note)
                </span>
              </span>
              {c.description && <span className="fr-hint-text">{c.description}</span>}
            </legend>
            <div className="fr-fieldset__element">
              <RadioButtons
                legend={`Note du critère « ${c.label} » (0 à ${c.maxScore})`}
                name={`score-${c.id}`}
                state={scoreError ? "error" : "default"}
                stateRelatedMessage={scoreError}
                options={Array.from({ length: c.maxScore + 1 }, (_, n) => ({
                  label: `${n} — ${c.levels[n] ?? ""}`.replace(/ — $/, ""),
                  nativeInputProps: {
                    value: String(n),
                    checked: values.scores[c.id]?.score === n,
                    onChange: () => form.setValue(`scores.${c.id}.score`, n),
                  },
                }))}
              />
              <Input
                textArea
                label={`Commentaire sur « ${c.label} »`}
                state={commentError ? "error" : "default"}
                stateRelatedMessage={commentError}
                nativeTextAreaProps={{
                  value: values.scores[c.id]?.comment ?? "",
                  onChange: (e) => form.setValue(`scores.${c.id}.comment`, e.target.value),
                  rows: 3,
                  maxLength: 3000,
                }}
              />
            </div>
          </fieldset>
        );
      })}
      <RadioButtons
        legend="Recommandation d'ensemble"
        name="recommendation"
        orientation="horizontal"
        state={fieldError("recommendation") ? "error" : "default"}
        stateRelatedMessage={fieldError("recommendation")}
        options={(Object.keys(OPINION_LABELS) as Opinion[]).map((o) => ({
          label: OPINION_LABELS[o],
          nativeInputProps: {
            value: o,
            checked: values.recommendation === o,
            onChange: () => form.setValue("recommendation", o),
          },
        }))}
      />
      <Input
        textArea
        label="Commentaire général (facultatif)"
        nativeTextAreaProps={{
          value: values.comment,
          onChange: (e) => form.setValue("comment", e.target.value),
          rows: 4,
          maxLength: 5000,
        }}
      />
      <p className="fr-text--lead" aria-live="polite">
        Note pondérée :{" "}
        <strong>{total === null ? "à compléter" : `${formatPoints(total)} / 100`}</strong>
      </p>
      <FormMessages error={error} done={done} />
      {confirming ? (
        // biome-ignore lint/a11y/useSemanticElements: a confirmation question with its buttons, not a set of fields: a <fieldset> would bring the browser's border and padding (the DSFR styles only .fr-fieldset) and want a <legend>
        <div
          className="fr-p-2w fr-background-alt--grey"
          role="group"
          aria-label="Confirmation de la soumission"
        >
          <p>Soumettre l&apos;évaluation ? Elle ne sera plus modifiable.</p>
          <div className="flex flex-wrap gap-4">
            <Button
              type="button"
              disabled={pending}
              onClick={() => {
                setConfirming(false);
                run(
                  () => saveEvaluationAction(applicationId, form.getValues(), true),
                  "Évaluation soumise.",
                );
              }}
            >
              Confirmer la soumission
            </Button>
            <Button type="button" priority="secondary" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-4">
          <Button type="submit" priority="secondary" disabled={pending}>
            Enregistrer le brouillon
          </Button>
          <Button type="button" disabled={pending} onClick={check(true, () => setConfirming(true))}>
            Soumettre l&apos;évaluation
          </Button>
        </div>
      )}
    </form>
  );
}
