"use client";
// The dossier, step by step, saved as a draft a second after each change.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Stepper } from "@codegouvfr/react-dsfr/Stepper";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";
import {
  type Control,
  type UseFormRegister,
  useFieldArray,
  useForm,
  useWatch,
} from "react-hook-form";
import { EuroField } from "@/components/admin/form-fields";
import { AddRowButton, RemoveRowButton } from "@/components/ui/list-editor-buttons";
import { currentVersionAction, saveDraftAction } from "@/lib/applications/actions";
import { budgetTotals } from "@/lib/applications/budget";
import {
  EXPENSE_LABELS,
  FUNDING_SOURCE_LABELS,
  FUNDING_STATUS_LABELS,
} from "@/lib/applications/labels";
import {
  type ApplicationDraft,
  type ApplicationDraftInput,
  applicationDraftSchema,
} from "@/lib/applications/schema";
import { type Problem, STEPS, type StepKey } from "@/lib/applications/steps";
import { formatEuros } from "@/lib/format";
import { AutosaveStatus } from "./autosave-status";
import { SubmissionPanel } from "./submission-panel";
import { useAutosave } from "./use-autosave";

type Draft = ApplicationDraftInput;
export type DossierCall = {
  levers: { id: string; title: string; description: string }[];
  learningCommunities: { id: string; name: string; description: string }[];
  grant: { minCents: number; maxCents: number };
};

function TextArea({
  register,
  name,
  label,
  hint,
  rows = 8,
  maxLength = 10_000,
}: {
  register: UseFormRegister<Draft>;
  name: Parameters<UseFormRegister<Draft>>[0];
  label: string;
  hint?: string;
  rows?: number;
  maxLength?: number;
}) {
  return (
    <Input
      textArea
      label={label}
      hintText={hint}
      nativeTextAreaProps={{ ...register(name), rows, maxLength }}
    />
  );
}

function Budget({
  control,
  register,
  grant,
}: {
  control: Control<Draft>;
  register: UseFormRegister<Draft>;
  grant: DossierCall["grant"];
}) {
  const expenses = useFieldArray({ control, name: "expenses" });
  const fundings = useFieldArray({ control, name: "fundings" });
  const watched = useWatch({ control }) as Draft;
  const totals = budgetTotals({
    expenses: (watched.expenses ?? []).map((e) => ({
      category: e.category,
      year: e.year,
      amountCents: Number(e.amountCents) || 0,
    })),
    fundings: (watched.fundings ?? []).map((f) => ({
      source: f.source,
      year: f.year,
      amountCents: Number(f.amountCents) || 0,
    })),
  });
  const yearSelect = (
    name: `expenses.${number}.year` | `fundings.${number}.year`,
    label: string,
  ) => (
    <Select label={label} nativeSelectProps={register(name, { valueAsNumber: true })}>
      <option value={1}>Année 1</option>
      <option value={2}>Année 2</option>
    </Select>
  );
  return (
    <>
      <h3>Dépenses</h3>
      {expenses.fields.map((f, i) => (
        <div
          key={f.id}
          className="fr-p-2w fr-mb-2w fr-background-alt--grey grid gap-4 md:grid-cols-4"
        >
          <Select
            label={`Catégorie de la dépense ${i + 1}`}
            nativeSelectProps={register(`expenses.${i}.category`)}
          >
            {Object.entries(EXPENSE_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </Select>
          <Input
            label={`Intitulé de la dépense ${i + 1}`}
            nativeInputProps={register(`expenses.${i}.label`)}
          />
          {yearSelect(`expenses.${i}.year`, `Année de la dépense ${i + 1}`)}
          <EuroField
            control={control}
            name={`expenses.${i}.amountCents`}
            label={`Montant de la dépense ${i + 1}`}
          />
          <RemoveRowButton onClick={() => expenses.remove(i)}>
            Retirer la dépense {i + 1}
          </RemoveRowButton>
        </div>
      ))}
      <AddRowButton
        onClick={() =>
          expenses.append({ category: "PERSONNEL", label: "", year: 1, amountCents: Number.NaN })
        }
      >
        Ajouter une dépense
      </AddRowButton>

      <h3 className="fr-mt-4w">Plan de financement</h3>
      <p className="fr-hint-text">
        Le financement demandé à cet appel (de {formatEuros(grant.minCents)} à{" "}
        {formatEuros(grant.maxCents)} sur deux ans) est une ligne « Cet appel (État) ».
      </p>
      {fundings.fields.map((f, i) => (
        <div
          key={f.id}
          className="fr-p-2w fr-mb-2w fr-background-alt--grey grid gap-4 md:grid-cols-3"
        >
          <Select
            label={`Origine du financement ${i + 1}`}
            nativeSelectProps={register(`fundings.${i}.source`)}
          >
            {Object.entries(FUNDING_SOURCE_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </Select>
          <Input
            label={`Financeur ${i + 1} (facultatif)`}
            nativeInputProps={register(`fundings.${i}.funderName`)}
          />
          <Select
            label={`Statut du financement ${i + 1}`}
            nativeSelectProps={register(`fundings.${i}.status`)}
          >
            {Object.entries(FUNDING_STATUS_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </Select>
          {yearSelect(`fundings.${i}.year`, `Année du financement ${i + 1}`)}
          <EuroField
            control={control}
            name={`fundings.${i}.amountCents`}
            label={`Montant du financement ${i + 1}`}
          />
          <RemoveRowButton onClick={() => fundings.remove(i)}>
            Retirer le financement {i + 1}
          </RemoveRowButton>
        </div>
      ))}
      <AddRowButton
        onClick={() =>
          fundings.append({
            source: "THIS_CALL",
            funderName: "",
            year: 1,
            amountCents: Number.NaN,
            status: "REQUESTED",
          })
        }
      >
        Ajouter un financement
      </AddRowButton>

      <div className="fr-table fr-mt-4w">
        <table>
          <caption>Totaux du budget</caption>
          <thead>
            <tr>
              <th scope="col"> </th>
              <th scope="col">Année 1</th>
              <th scope="col">Année 2</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Dépenses</th>
              <td>{formatEuros(totals.expenses.year1)}</td>
              <td>{formatEuros(totals.expenses.year2)}</td>
              <td>{formatEuros(totals.expenses.total)}</td>
            </tr>
            <tr>
              <th scope="row">Financements</th>
              <td>{formatEuros(totals.fundings.year1)}</td>
              <td>{formatEuros(totals.fundings.year2)}</td>
              <td>{formatEuros(totals.fundings.total)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="fr-text--bold" aria-live="polite">
        Montant demandé à l&apos;appel : {formatEuros(totals.requested)} · total des dépenses :{" "}
        {formatEuros(totals.expenses.total)}
      </p>
      {totals.requested > 0 &&
        (totals.requested < grant.minCents || totals.requested > grant.maxCents) && (
          <Alert
            severity="warning"
            small
            description={`Le montant demandé doit être compris entre ${formatEuros(grant.minCents)} et ${formatEuros(grant.maxCents)}.`}
            className="fr-mb-2w"
          />
        )}
      {totals.gap !== 0 && (
        <Alert
          severity="warning"
          small
          description={`Le budget n'est pas équilibré : écart de ${formatEuros(Math.abs(totals.gap))} entre dépenses et financements.`}
        />
      )}
    </>
  );
}

function Indicators({
  control,
  register,
}: {
  control: Control<Draft>;
  register: UseFormRegister<Draft>;
}) {
  const indicators = useFieldArray({ control, name: "indicators" });
  return (
    <>
      <h3>Indicateurs et cibles</h3>
      {indicators.fields.map((f, i) => (
        <div
          key={f.id}
          className="fr-p-2w fr-mb-2w fr-background-alt--grey grid gap-4 md:grid-cols-5"
        >
          <Input
            label={`Indicateur ${i + 1}`}
            nativeInputProps={register(`indicators.${i}.label`)}
          />
          <Input label={`Unité ${i + 1}`} nativeInputProps={register(`indicators.${i}.unit`)} />
          <Input
            label={`Situation de départ ${i + 1}`}
            nativeInputProps={register(`indicators.${i}.baseline`)}
          />
          <Input
            label={`Cible année 1 (${i + 1})`}
            nativeInputProps={register(`indicators.${i}.targetYear1`)}
          />
          <Input
            label={`Cible année 2 (${i + 1})`}
            nativeInputProps={register(`indicators.${i}.targetYear2`)}
          />
          <RemoveRowButton onClick={() => indicators.remove(i)}>
            Retirer l&apos;indicateur {i + 1}
          </RemoveRowButton>
        </div>
      ))}
      <AddRowButton
        onClick={() =>
          indicators.append({ label: "", unit: "", baseline: "", targetYear1: "", targetYear2: "" })
        }
      >
        Ajouter un indicateur
      </AddRowButton>
    </>
  );
}

export function DossierForm({
  applicationId,
  version,
  initialDraft,
  call,
  initialStep,
  attachments,
  problems,
  deadline,
}: {
  applicationId: string;
  version: number;
  initialDraft: Draft;
  call: DossierCall;
  initialStep: number;
  attachments: ReactNode;
  problems: Problem[];
  deadline: string;
}) {
  const router = useRouter();
  const [step, setStep] = useState(Math.min(Math.max(initialStep, 0), STEPS.length - 1));
  // The server's draft schema (it bounds values; completeness is checked at submission). The form is
  // never submitted: each change is autosaved as it is, so a draft that is invalid is still sent, and
  // the server's parse of the autosave (draftSaveSchema) tells what to correct.
  const form = useForm<Draft, unknown, ApplicationDraft>({
    resolver: zodResolver(applicationDraftSchema),
    defaultValues: initialDraft,
  });
  const { register, control, watch, getValues } = form;
  const autosave = useAutosave<Draft>(version, (v, values) =>
    saveDraftAction(applicationId, v, values),
  );

  useEffect(() => {
    const subscription = watch(() => autosave.schedule(getValues()));
    return () => subscription.unsubscribe();
  }, [watch, getValues, autosave.schedule]);

  const go = (next: number) => {
    void autosave.flush();
    setStep(next);
    router.replace(`?etape=${next + 1}`, { scroll: false });
    // Focus the step's title (the stepper's heading), so that keyboard and screen reader users start there.
    requestAnimationFrame(() => {
      const title = document.querySelector<HTMLElement>(".fr-stepper__title");
      title?.setAttribute("tabindex", "-1");
      title?.focus();
    });
  };
  const current: StepKey = STEPS[step]!.key;
  const leverIndex = (id: string) =>
    (initialDraft.leverAnswers ?? []).findIndex((a) => a.leverId === id);

  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <Stepper
          currentStep={step + 1}
          stepCount={STEPS.length}
          title={STEPS[step]!.title}
          nextTitle={STEPS[step + 1]?.title}
        />
        <AutosaveStatus
          state={autosave.state}
          onReload={() => window.location.reload()}
          onOverwrite={async () => {
            const r = await currentVersionAction(applicationId);
            if (r.ok) autosave.overwrite(r.data, getValues());
          }}
        />
      </div>
      <nav aria-label="Étapes du dossier" className="fr-mb-3w">
        <ol className="flex list-none flex-wrap gap-2 p-0">
          {STEPS.map((s, i) => {
            const missing = problems.filter((p) => p.step === s.key).length;
            return (
              <li key={s.key}>
                <button
                  type="button"
                  className="fr-tag"
                  aria-current={i === step ? "step" : undefined}
                  onClick={() => go(i)}
                >
                  {i + 1}. {s.title}
                  {missing > 0 && <span className="fr-ml-1v">({missing} à compléter)</span>}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <form onSubmit={(e) => e.preventDefault()} noValidate>
        <div hidden={current !== "presentation"}>
          <Input label="Intitulé du projet" nativeInputProps={register("title")} />
          <TextArea
            register={register}
            name="presentation"
            label="Présentation du projet"
            hint="Le territoire, les besoins auxquels le pôle répond, ses activités, ce que la subvention permettra."
            rows={12}
          />
        </div>
        <div hidden={current !== "gouvernance"}>
          <TextArea
            register={register}
            name="governance"
            label="Gouvernance"
            hint="Instances, règles de décision, place de chaque catégorie de membres."
          />
          <TextArea
            register={register}
            name="cooperation"
            label="Coopération entre les membres"
            hint="Ce que les membres font ensemble : mutualisations, projets communs, fréquence des échanges."
          />
        </div>
        <div hidden={current !== "leviers"}>
          {call.levers.map((lever) => (
            <TextArea
              key={lever.id}
              register={register}
              name={`leverAnswers.${leverIndex(lever.id)}.text`}
              label={lever.title}
              hint={lever.description}
            />
          ))}
        </div>
        <div hidden={current !== "impacts"}>
          <TextArea
            register={register}
            name="economicImpact"
            label="Impacts économiques attendus"
            rows={5}
          />
          <TextArea
            register={register}
            name="socialImpact"
            label="Impacts sociaux attendus"
            rows={5}
          />
          <TextArea
            register={register}
            name="ecologicalImpact"
            label="Impacts écologiques attendus"
            rows={5}
          />
          <Indicators control={control} register={register} />
        </div>
        <div hidden={current !== "budget"}>
          <Budget control={control} register={register} grant={call.grant} />
        </div>
        <div hidden={current !== "communaute"}>
          <RadioButtons
            legend="Souhaitez-vous rejoindre une communauté apprenante ?"
            options={[
              {
                label: "Non",
                nativeInputProps: {
                  ...register("learningCommunityId", { setValueAs: (v: string) => v || null }),
                  value: "",
                },
              },
              ...call.learningCommunities.map((c) => ({
                label: c.name,
                hintText: c.description,
                nativeInputProps: {
                  ...register("learningCommunityId", { setValueAs: (v: string) => v || null }),
                  value: c.id,
                },
              })),
            ]}
          />
        </div>
      </form>
      <div hidden={current !== "pieces"}>{attachments}</div>
      <div hidden={current !== "depot"}>
        <SubmissionPanel
          applicationId={applicationId}
          problems={problems}
          deadline={deadline}
          beforeSubmit={autosave.drain}
        />
      </div>

      <div className="fr-mt-4w flex flex-wrap gap-4">
        {step > 0 && (
          <Button
            priority="secondary"
            iconId="fr-icon-arrow-left-line"
            onClick={() => go(step - 1)}
          >
            Étape précédente
          </Button>
        )}
        {step < STEPS.length - 1 && (
          <Button
            iconId="fr-icon-arrow-right-line"
            iconPosition="right"
            onClick={() => go(step + 1)}
          >
            Étape suivante
          </Button>
        )}
      </div>
    </div>
  );
}
