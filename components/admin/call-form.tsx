"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { type ReactNode, useRef, useState } from "react";
import { type Path, useFieldArray, useForm, useWatch } from "react-hook-form";
import { FailureSummary } from "@/components/ui/failure-summary";
import { AddRowButton, RemoveRowButton } from "@/components/ui/list-editor-buttons";
import { createCallAction, updateCallAction } from "@/lib/calls/actions";
import { type CallData, type CallInput, callInputSchema } from "@/lib/calls/schema";
import { formatShare } from "@/lib/format";
import type { TerritoryType, TrancheCondition } from "@/lib/generated/prisma/enums";
import { METHOD_LABELS } from "@/lib/national/labels";
import { TRANCHE_CONDITION_LABELS } from "@/lib/payments/rules";
import { TERRITORY_LABELS } from "@/lib/poles/labels";
import { EuroField, errorAt, LinesField, PercentField, ScoreField } from "./form-fields";

const TERRITORIES = (Object.keys(TERRITORY_LABELS) as TerritoryType[]).map((value) => ({
  value,
  label: TERRITORY_LABELS[value],
}));
// The tranche conditions are worded for the middle of a sentence: capitalised as options.
const CONDITIONS = (Object.keys(TRANCHE_CONDITION_LABELS) as TrancheCondition[]).map((value) => ({
  value,
  label: TRANCHE_CONDITION_LABELS[value].replace(/^./, (c) => c.toUpperCase()),
}));
const METHODS = [
  {
    value: "MERIT_ORDER",
    label: `${METHOD_LABELS.MERIT_ORDER} (règle par défaut)`,
    hint: "Les dossiers éligibles sont financés dans l'ordre de leur note nationale, tant que l'enveloppe et les priorités le permettent.",
  },
  {
    value: "MAX_SCORE",
    label: METHOD_LABELS.MAX_SCORE,
    hint: "La liste qui réunit le plus grand total de notes dans l'enveloppe ; elle peut écarter un dossier mieux classé.",
  },
] as const;
const LEVELS_HINT = "Une ligne par note, de 0 à la note maximale (ex. 0 : Absent … 5 : Excellent).";

function Section({
  id,
  title,
  children,
  hint,
}: {
  id: string;
  title: string;
  children: ReactNode;
  hint?: string;
}) {
  return (
    <fieldset className="fr-fieldset fr-mb-4w" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`} className="fr-fieldset__legend fr-h4 fr-mb-1w">
        {title}
      </legend>
      {hint && <p className="fr-hint-text fr-mb-2w w-full">{hint}</p>}
      <div className="w-full">{children}</div>
    </fieldset>
  );
}

export function CallForm({
  callId,
  defaultValues,
  gridLocked,
  rulesLocked = false,
}: {
  callId?: string;
  defaultValues: CallInput;
  gridLocked: boolean;
  rulesLocked?: boolean;
}) {
  const router = useRouter();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<CallInput, unknown, CallData>({
    resolver: zodResolver(callInputSchema),
    defaultValues,
    mode: "onSubmit",
  });
  const { register, control, handleSubmit, setError, formState } = form;
  const { errors, isSubmitting } = formState;
  const err = (path: string) => errorAt(errors, path);
  const levers = useFieldArray({ control, name: "levers" });
  const priorities = useFieldArray({ control, name: "priorities" });
  const communities = useFieldArray({ control, name: "learningCommunities" });
  const documents = useFieldArray({ control, name: "documentKinds" });
  const criteria = useFieldArray({ control, name: "criteria" });
  const tranches = useFieldArray({ control, name: "tranches" });
  const weights = useWatch({ control, name: "criteria" }) ?? [];
  const weightTotal = weights.reduce(
    (s, k) => s + (Number.isFinite(k?.weightBps) ? k.weightBps : 0),
    0,
  );

  const showFailure = (message: string) => {
    setFailure(message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const onSubmit = handleSubmit(
    async () => {
      setFailure(null);
      setSaved(false);
      // The raw values go to the server, which parses them with the same schema.
      const values = form.getValues();
      const result = callId
        ? await updateCallAction(callId, values)
        : await createCallAction(values);
      if (!result.ok) {
        for (const [path, messages] of Object.entries(result.fieldErrors ?? {}))
          setError(path as Path<CallInput>, { message: messages[0] });
        showFailure(result.message);
        return;
      }
      if (!callId && result.data && "id" in result.data) {
        router.push(`/admin/appels/${result.data.id}?cree=1`);
        return;
      }
      setSaved(true);
      router.refresh();
      requestAnimationFrame(() => summaryRef.current?.focus());
    },
    () =>
      showFailure("Certaines informations sont invalides. Corrigez les champs signalés en rouge."),
  );

  return (
    <form onSubmit={onSubmit} noValidate>
      <FailureSummary ref={summaryRef} title="L'appel n'a pas été enregistré" failure={failure}>
        {saved && (
          <Alert
            severity="success"
            title="Modifications enregistrées"
            description="L'appel est à jour."
            as="h2"
            role="status"
            small={false}
          />
        )}
      </FailureSummary>

      <Section id="identite" title="Présentation">
        <Input
          label="Titre de l'appel"
          state={err("title") ? "error" : "default"}
          stateRelatedMessage={err("title")}
          nativeInputProps={register("title")}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <Input
            label="Identifiant"
            hintText="Minuscules, chiffres et tirets ; utilisé dans les adresses (ex. ami-ptce-2026)."
            state={err("slug") ? "error" : "default"}
            stateRelatedMessage={err("slug")}
            nativeInputProps={register("slug")}
          />
          <Input
            label="Édition (année)"
            state={err("year") ? "error" : "default"}
            stateRelatedMessage={err("year")}
            nativeInputProps={{
              ...register("year", { valueAsNumber: true }),
              inputMode: "numeric",
            }}
          />
        </div>
        <Input
          textArea
          label="Présentation publique"
          state={err("summary") ? "error" : "default"}
          stateRelatedMessage={err("summary")}
          nativeTextAreaProps={{ ...register("summary"), rows: 5 }}
        />
      </Section>

      <Section
        id="calendrier"
        title="Calendrier"
        hint="Les dates sont celles de Paris : une date limite court jusqu'à 23 h 59 ce jour-là."
      >
        <div className="grid gap-4 md:grid-cols-3">
          {(
            [
              ["opensAt", "Ouverture des candidatures"],
              ["deadlineAt", "Date limite de dépôt"],
              ["regionalDeadlineAt", "Fin de l'instruction régionale (facultatif)"],
              ["nationalDeadlineAt", "Fin de l'analyse nationale (facultatif)"],
              ["resultsAt", "Publication des résultats (facultatif)"],
            ] as const
          ).map(([name, label]) => (
            <Input
              key={name}
              label={label}
              state={err(name) ? "error" : "default"}
              stateRelatedMessage={err(name)}
              nativeInputProps={{ ...register(name), type: "date" }}
            />
          ))}
        </div>
      </Section>

      <Section
        id="financement"
        title="Financement et instruction"
        hint={
          rulesLocked
            ? "La liste des décisions est finalisée : l'enveloppe et les montants ne peuvent plus changer."
            : undefined
        }
      >
        <div className="grid gap-4 md:grid-cols-3">
          <fieldset disabled={rulesLocked} className="m-0 border-0 p-0 contents">
            <EuroField
              control={control}
              name="envelopeCents"
              label="Enveloppe"
              error={err("envelopeCents")}
            />
            <EuroField
              control={control}
              name="minGrantCents"
              label="Subvention minimale"
              error={err("minGrantCents")}
            />
            <EuroField
              control={control}
              name="maxGrantCents"
              label="Subvention maximale"
              error={err("maxGrantCents")}
            />
          </fieldset>
          <Input
            label="Durée (mois)"
            state={err("durationMonths") ? "error" : "default"}
            stateRelatedMessage={err("durationMonths")}
            nativeInputProps={{
              ...register("durationMonths", { valueAsNumber: true }),
              inputMode: "numeric",
            }}
          />
          <Input
            label="Évaluateurs par dossier (minimum)"
            state={err("minEvaluators") ? "error" : "default"}
            stateRelatedMessage={err("minEvaluators")}
            nativeInputProps={{
              ...register("minEvaluators", { valueAsNumber: true }),
              inputMode: "numeric",
            }}
          />
        </div>
      </Section>

      <Section
        id="selection"
        title="Sélection nationale"
        hint={
          rulesLocked
            ? "La liste des décisions est finalisée : les règles de sélection ne peuvent plus changer."
            : "Les règles appliquées par la cellule nationale pour arrêter la liste des lauréats et la liste complémentaire."
        }
      >
        <fieldset disabled={rulesLocked} className="m-0 border-0 p-0">
          <RadioButtons
            legend="Méthode de sélection"
            name="selectionMethod"
            state={err("selectionMethod") ? "error" : "default"}
            stateRelatedMessage={err("selectionMethod")}
            options={METHODS.map((m) => ({
              label: m.label,
              hintText: m.hint,
              nativeInputProps: { ...register("selectionMethod"), value: m.value },
            }))}
          />
          <div className="grid gap-4 md:grid-cols-2">
            <ScoreField
              control={control}
              name="qualityThreshold"
              label="Seuil de qualité"
              hint="Note nationale minimale pour être éligible au financement ; 0 pour aucun seuil."
              error={err("qualityThreshold")}
            />
            <Input
              label="Longueur de la liste complémentaire"
              hintText="Nombre de dossiers inscrits sur la liste complémentaire, de 0 à 50."
              state={err("reserveListLength") ? "error" : "default"}
              stateRelatedMessage={err("reserveListLength")}
              nativeInputProps={{
                ...register("reserveListLength", { valueAsNumber: true }),
                inputMode: "numeric",
              }}
            />
          </div>
          <Checkbox
            options={[
              {
                label: "Ajuster la dernière subvention à l'enveloppe restante",
                hintText:
                  "En ordre de mérite, le dossier suivant qui ne tient pas dans l'enveloppe se voit proposer le reste de l'enveloppe, s'il atteint la subvention minimale ; la cellule nationale le confirme.",
                nativeInputProps: register("adjustLastGrant"),
              },
            ]}
          />
        </fieldset>
      </Section>

      <Section
        id="attribuant"
        title="Autorité attribuante"
        hint="Publiée avec les subventions de plus de 23 000 € dans les données ouvertes (données essentielles des conventions de subvention)."
      >
        <div className="grid gap-4 md:grid-cols-2">
          <Input
            label="Nom de l'autorité attribuante"
            hintText="Son nom officiel, par exemple : Ministère de l'Économie, des Finances et de la Souveraineté industrielle et numérique."
            state={err("grantorName") ? "error" : "default"}
            stateRelatedMessage={err("grantorName")}
            nativeInputProps={register("grantorName")}
          />
          <Input
            label="SIRET de l'autorité attribuante"
            hintText="14 chiffres, espaces acceptés."
            state={err("grantorSiret") ? "error" : "default"}
            stateRelatedMessage={err("grantorSiret")}
            nativeInputProps={{
              ...register("grantorSiret"),
              inputMode: "numeric",
              autoComplete: "off",
            }}
          />
        </div>
      </Section>

      <Section
        id="grille"
        title="Grille d'évaluation"
        hint={
          gridLocked
            ? "La notation a commencé : la grille ne peut plus changer."
            : "Les pondérations doivent totaliser 100 %."
        }
      >
        {err("criteria") && <p className="fr-error-text fr-mb-2w">{err("criteria")}</p>}
        <p aria-live="polite" className="fr-text--bold">
          Total des pondérations : {formatShare(weightTotal)}
        </p>
        <fieldset disabled={gridLocked} className="m-0 border-0 p-0">
          {criteria.fields.map((f, i) => (
            <div key={f.id} className="fr-p-2w fr-mb-2w fr-background-alt--grey">
              <h3 className="fr-h6">Critère {i + 1}</h3>
              <div className="grid gap-4 md:grid-cols-3">
                <Input
                  label="Code"
                  state={err(`criteria.${i}.code`) ? "error" : "default"}
                  stateRelatedMessage={err(`criteria.${i}.code`)}
                  nativeInputProps={register(`criteria.${i}.code`)}
                />
                <PercentField
                  control={control}
                  name={`criteria.${i}.weightBps`}
                  label="Pondération"
                  error={err(`criteria.${i}.weightBps`)}
                />
                <Input
                  label="Note maximale"
                  state={err(`criteria.${i}.maxScore`) ? "error" : "default"}
                  stateRelatedMessage={err(`criteria.${i}.maxScore`)}
                  nativeInputProps={{
                    ...register(`criteria.${i}.maxScore`, { valueAsNumber: true }),
                    inputMode: "numeric",
                  }}
                />
              </div>
              <Input
                label="Intitulé"
                state={err(`criteria.${i}.label`) ? "error" : "default"}
                stateRelatedMessage={err(`criteria.${i}.label`)}
                nativeInputProps={register(`criteria.${i}.label`)}
              />
              <LinesField
                control={control}
                name={`criteria.${i}.levels`}
                label="Descripteurs des niveaux"
                hint={LEVELS_HINT}
                error={err(`criteria.${i}.levels`) ?? err(`criteria.${i}.levels.0`)}
              />
              <RemoveRowButton
                onClick={() => criteria.remove(i)}
                disabled={criteria.fields.length <= 1}
              >
                Retirer le critère {i + 1}
              </RemoveRowButton>
            </div>
          ))}
          <AddRowButton
            onClick={() =>
              criteria.append({
                code: "",
                label: "",
                weightBps: 0,
                maxScore: 5,
                levels: ["", "", "", "", "", ""],
              })
            }
          >
            Ajouter un critère
          </AddRowButton>
        </fieldset>
      </Section>

      <Section id="leviers" title="Leviers à mobiliser">
        {err("levers") && <p className="fr-error-text fr-mb-2w">{err("levers")}</p>}
        {levers.fields.map((f, i) => (
          <div key={f.id} className="fr-p-2w fr-mb-2w fr-background-alt--grey">
            <div className="grid gap-4 md:grid-cols-3">
              <Input
                label={`Code du levier ${i + 1}`}
                state={err(`levers.${i}.code`) ? "error" : "default"}
                stateRelatedMessage={err(`levers.${i}.code`)}
                nativeInputProps={register(`levers.${i}.code`)}
              />
              <div className="md:col-span-2">
                <Input
                  label={`Intitulé du levier ${i + 1}`}
                  state={err(`levers.${i}.title`) ? "error" : "default"}
                  stateRelatedMessage={err(`levers.${i}.title`)}
                  nativeInputProps={register(`levers.${i}.title`)}
                />
              </div>
            </div>
            <Input
              textArea
              label={`Description du levier ${i + 1}`}
              nativeTextAreaProps={{ ...register(`levers.${i}.description`), rows: 2 }}
            />
            <RemoveRowButton onClick={() => levers.remove(i)}>
              Retirer le levier {i + 1}
            </RemoveRowButton>
          </div>
        ))}
        <AddRowButton onClick={() => levers.append({ code: "", title: "", description: "" })}>
          Ajouter un levier
        </AddRowButton>
      </Section>

      <Section
        id="priorites"
        title="Priorités"
        hint={
          rulesLocked
            ? "La liste des décisions est finalisée : les priorités ne peuvent plus changer."
            : "Part minimale de l'enveloppe réservée aux dossiers de certains territoires."
        }
      >
        {err("priorities") && <p className="fr-error-text fr-mb-2w">{err("priorities")}</p>}
        <fieldset disabled={rulesLocked} className="m-0 border-0 p-0">
          {priorities.fields.map((f, i) => (
            <div key={f.id} className="fr-p-2w fr-mb-2w fr-background-alt--grey">
              <Input
                label={`Intitulé de la priorité ${i + 1}`}
                state={err(`priorities.${i}.label`) ? "error" : "default"}
                stateRelatedMessage={err(`priorities.${i}.label`)}
                nativeInputProps={register(`priorities.${i}.label`)}
              />
              <Checkbox
                legend={`Territoires concernés par la priorité ${i + 1}`}
                orientation="horizontal"
                state={err(`priorities.${i}.territoryTypes`) ? "error" : "default"}
                stateRelatedMessage={
                  err(`priorities.${i}.territoryTypes`)
                    ? "Choisissez au moins un type de territoire."
                    : undefined
                }
                options={TERRITORIES.map((t) => ({
                  label: t.label,
                  nativeInputProps: {
                    ...register(`priorities.${i}.territoryTypes`),
                    value: t.value,
                  },
                }))}
              />
              <PercentField
                control={control}
                name={`priorities.${i}.minShareBps`}
                label="Part minimale de l'enveloppe"
                error={err(`priorities.${i}.minShareBps`)}
              />
              <RemoveRowButton onClick={() => priorities.remove(i)}>
                Retirer la priorité {i + 1}
              </RemoveRowButton>
            </div>
          ))}
          <AddRowButton
            onClick={() => priorities.append({ label: "", territoryTypes: [], minShareBps: 0 })}
          >
            Ajouter une priorité
          </AddRowButton>
        </fieldset>
      </Section>

      <Section id="communautes" title="Communautés apprenantes">
        {communities.fields.map((f, i) => (
          <div
            key={f.id}
            className="fr-p-2w fr-mb-2w fr-background-alt--grey grid gap-4 md:grid-cols-3"
          >
            <Input
              label={`Code de la communauté ${i + 1}`}
              state={err(`learningCommunities.${i}.code`) ? "error" : "default"}
              stateRelatedMessage={err(`learningCommunities.${i}.code`)}
              nativeInputProps={register(`learningCommunities.${i}.code`)}
            />
            <Input
              label={`Nom de la communauté ${i + 1}`}
              state={err(`learningCommunities.${i}.name`) ? "error" : "default"}
              stateRelatedMessage={err(`learningCommunities.${i}.name`)}
              nativeInputProps={register(`learningCommunities.${i}.name`)}
            />
            <div className="flex items-end">
              <RemoveRowButton onClick={() => communities.remove(i)}>
                Retirer la communauté {i + 1}
              </RemoveRowButton>
            </div>
          </div>
        ))}
        <AddRowButton onClick={() => communities.append({ code: "", name: "", description: "" })}>
          Ajouter une communauté
        </AddRowButton>
      </Section>

      <Section id="pieces" title="Pièces à joindre">
        {err("documentKinds") && <p className="fr-error-text fr-mb-2w">{err("documentKinds")}</p>}
        {documents.fields.map((f, i) => (
          <div key={f.id} className="fr-p-2w fr-mb-2w fr-background-alt--grey">
            <div className="grid gap-4 md:grid-cols-3">
              <Input
                label={`Code de la pièce ${i + 1}`}
                state={err(`documentKinds.${i}.code`) ? "error" : "default"}
                stateRelatedMessage={err(`documentKinds.${i}.code`)}
                nativeInputProps={register(`documentKinds.${i}.code`)}
              />
              <div className="md:col-span-2">
                <Input
                  label={`Intitulé de la pièce ${i + 1}`}
                  state={err(`documentKinds.${i}.label`) ? "error" : "default"}
                  stateRelatedMessage={err(`documentKinds.${i}.label`)}
                  nativeInputProps={register(`documentKinds.${i}.label`)}
                />
              </div>
            </div>
            <Checkbox
              options={[
                {
                  label: "Pièce obligatoire",
                  nativeInputProps: register(`documentKinds.${i}.required`),
                },
              ]}
              small
            />
            <RemoveRowButton onClick={() => documents.remove(i)}>
              Retirer la pièce {i + 1}
            </RemoveRowButton>
          </div>
        ))}
        <AddRowButton
          onClick={() => documents.append({ code: "", label: "", description: "", required: true })}
        >
          Ajouter une pièce
        </AddRowButton>
      </Section>

      <Section
        id="versements"
        title="Échéancier de versement"
        hint="Les tranches doivent totaliser 100 % du montant attribué."
      >
        {err("tranches") && <p className="fr-error-text fr-mb-2w">{err("tranches")}</p>}
        {tranches.fields.map((f, i) => (
          <div
            key={f.id}
            className="fr-p-2w fr-mb-2w fr-background-alt--grey grid gap-4 md:grid-cols-3"
          >
            <Input
              label={`Intitulé de la tranche ${i + 1}`}
              state={err(`tranches.${i}.label`) ? "error" : "default"}
              stateRelatedMessage={err(`tranches.${i}.label`)}
              nativeInputProps={register(`tranches.${i}.label`)}
            />
            <PercentField
              control={control}
              name={`tranches.${i}.shareBps`}
              label="Part"
              error={err(`tranches.${i}.shareBps`)}
            />
            <Select
              label={`Condition de la tranche ${i + 1}`}
              nativeSelectProps={register(`tranches.${i}.condition`)}
            >
              {CONDITIONS.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </Select>
            <RemoveRowButton
              onClick={() => tranches.remove(i)}
              disabled={tranches.fields.length <= 1}
            >
              Retirer la tranche {i + 1}
            </RemoveRowButton>
          </div>
        ))}
        <AddRowButton
          onClick={() => tranches.append({ label: "", shareBps: 0, condition: "ON_SIGNATURE" })}
        >
          Ajouter une tranche
        </AddRowButton>
      </Section>

      <Button type="submit" disabled={isSubmitting} iconId="fr-icon-save-line">
        {isSubmitting
          ? "Enregistrement…"
          : callId
            ? "Enregistrer les modifications"
            : "Créer l'appel"}
      </Button>
    </form>
  );
}
