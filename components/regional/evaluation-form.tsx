"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useState } from "react";
import { FormMessages, useAction } from "@/components/regional/action-form";
import { weightedScore } from "@/lib/evaluations/score";
import type { Opinion } from "@/lib/generated/prisma/enums";
import { saveEvaluationAction } from "@/lib/regional/actions";
import { formatPoints, RECOMMENDATION_LABELS } from "@/lib/regional/labels";
import { evaluationSchema } from "@/lib/regional/schema";

export type GridItem = {
  id: string;
  label: string;
  description: string;
  weightBps: number;
  maxScore: number;
  levels: string[];
};
type Values = {
  scores: Record<string, { score: number | null; comment: string }>;
  recommendation: Opinion | null;
  comment: string;
};

/** The scoring grid: a level per criterion with its descriptor, a comment each, the live weighted total. */
export function EvaluationForm({
  applicationId,
  grid,
  initial,
}: {
  applicationId: string;
  grid: GridItem[];
  initial: Values;
}) {
  const { pending, error, fieldError, done, run, valid } = useAction();
  const [values, setValues] = useState<Values>(initial);
  const [confirming, setConfirming] = useState(false);
  const total = weightedScore(
    grid,
    new Map(grid.map((c) => [c.id, values.scores[c.id]?.score ?? null])),
  );
  const setCriterion = (id: string, patch: Partial<{ score: number | null; comment: string }>) =>
    setValues((v) => ({ ...v, scores: { ...v.scores, [id]: { ...v.scores[id]!, ...patch } } }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (valid(evaluationSchema(grid, false), values))
          run(() => saveEvaluationAction(applicationId, values, false), "Brouillon enregistré.");
      }}
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
                    onChange: () => setCriterion(c.id, { score: n }),
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
                  onChange: (e) => setCriterion(c.id, { comment: e.target.value }),
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
        options={(Object.keys(RECOMMENDATION_LABELS) as Opinion[]).map((o) => ({
          label: RECOMMENDATION_LABELS[o],
          nativeInputProps: {
            value: o,
            checked: values.recommendation === o,
            onChange: () => setValues((v) => ({ ...v, recommendation: o })),
          },
        }))}
      />
      <Input
        textArea
        label="Commentaire général (facultatif)"
        nativeTextAreaProps={{
          value: values.comment,
          onChange: (e) => setValues((v) => ({ ...v, comment: e.target.value })),
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
                run(() => saveEvaluationAction(applicationId, values, true), "Évaluation soumise.");
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
          <Button
            type="button"
            disabled={pending}
            onClick={() => valid(evaluationSchema(grid, true), values) && setConfirming(true)}
          >
            Soumettre l&apos;évaluation
          </Button>
        </div>
      )}
    </form>
  );
}
