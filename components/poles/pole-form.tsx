"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import {
  type Path,
  type UseFormRegisterReturn,
  useFieldArray,
  useForm,
  useWatch,
} from "react-hook-form";
import { errorAt } from "@/components/admin/form-fields";
import { FailureSummary, useFailureSummary } from "@/components/ui/failure-summary";
import { AddRowButton, RemoveRowButton } from "@/components/ui/list-editor-buttons";
import { savePoleAction } from "@/lib/poles/actions";
import { LEGAL_FORM_LABELS, MEMBER_CATEGORY_LABELS, TERRITORY_LABELS } from "@/lib/poles/labels";
import { eligibility, type PoleData, type PoleInput, poleSchema } from "@/lib/poles/schema";
import { REGIONS } from "@/lib/regions/catalog";

const DEPARTEMENTS = REGIONS.flatMap((r) =>
  r.departements.map((d) => ({ ...d, region: r.name })),
).sort((a, b) => a.code.localeCompare(b.code));

/** A choice among labelled values, none chosen at first (« Choisissez »). */
function LabelSelect({
  label,
  labels,
  error,
  nativeSelectProps,
}: {
  label: string;
  labels: Record<string, string>;
  error?: string;
  nativeSelectProps: UseFormRegisterReturn;
}) {
  return (
    <Select
      label={label}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      nativeSelectProps={nativeSelectProps}
    >
      <option value="">Choisissez</option>
      {Object.entries(labels).map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </Select>
  );
}

export function PoleForm({
  poleId,
  defaultValues,
}: {
  poleId: string | null;
  defaultValues: PoleInput;
}) {
  const router = useRouter();
  const summary = useFailureSummary();
  const form = useForm<PoleInput, unknown, PoleData>({
    resolver: zodResolver(poleSchema),
    defaultValues,
  });
  const { register, control, formState, setError } = form;
  const err = (path: string) => errorAt(formState.errors, path);
  const members = useFieldArray({ control, name: "members" });
  const watched = useWatch({ control, name: "members" }) ?? [];
  const territory = useWatch({ control, name: "territoryType" });
  const status = eligibility(
    watched
      .filter((m) => m?.category)
      .map((m) => ({ category: m.category, isLegalPerson: m.isLegalPerson ?? true })),
  );

  const onSubmit = form.handleSubmit(
    async () => {
      const result = await savePoleAction(poleId, form.getValues());
      if (!result.ok) {
        for (const [path, messages] of Object.entries(result.fieldErrors ?? {}))
          setError(path as Path<PoleInput>, { message: messages[0] });
        summary.show(result.message);
        return;
      }
      router.push("/mes-dossiers?pole=1");
      router.refresh();
    },
    () =>
      summary.show("Certaines informations sont invalides. Corrigez les champs signalés en rouge."),
  );

  return (
    <form onSubmit={onSubmit} noValidate>
      <FailureSummary
        ref={summary.ref}
        title="Le pôle n'a pas été enregistré"
        failure={summary.failure}
      />
      <fieldset className="fr-fieldset" aria-labelledby="identite-legend">
        <legend id="identite-legend" className="fr-fieldset__legend fr-h4">
          Identité
        </legend>
        <div className="grid w-full gap-4 md:grid-cols-2">
          <Input
            label="Nom du pôle"
            state={err("name") ? "error" : "default"}
            stateRelatedMessage={err("name")}
            nativeInputProps={register("name")}
          />
          <Input
            label="Structure porteuse"
            hintText="La personne morale de droit privé qui porte le pôle"
            state={err("carrierName") ? "error" : "default"}
            stateRelatedMessage={err("carrierName")}
            nativeInputProps={register("carrierName")}
          />
          <Input
            label="SIRET de la structure porteuse"
            hintText="14 chiffres, par exemple 732 829 320 00074"
            state={err("siret") ? "error" : "default"}
            stateRelatedMessage={err("siret")}
            nativeInputProps={{ ...register("siret"), inputMode: "numeric" }}
          />
          <LabelSelect
            label="Forme juridique"
            labels={LEGAL_FORM_LABELS}
            error={err("legalForm")}
            nativeSelectProps={register("legalForm")}
          />
          <Input
            label="Année de création (facultatif)"
            state={err("creationYear") ? "error" : "default"}
            stateRelatedMessage={err("creationYear")}
            nativeInputProps={{
              ...register("creationYear", {
                setValueAs: (v: unknown) => (v === "" || v == null ? null : Number(v)),
              }),
              inputMode: "numeric",
            }}
          />
          <Input
            label="Site web (facultatif)"
            state={err("website") ? "error" : "default"}
            stateRelatedMessage={err("website")}
            nativeInputProps={{ ...register("website"), inputMode: "url" }}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="adresse-legend">
        <legend id="adresse-legend" className="fr-fieldset__legend fr-h4">
          Adresse et territoire
        </legend>
        <div className="grid w-full gap-4 md:grid-cols-2">
          <Input
            label="Adresse"
            state={err("addressLine") ? "error" : "default"}
            stateRelatedMessage={err("addressLine")}
            nativeInputProps={{ ...register("addressLine"), autoComplete: "street-address" }}
          />
          <Input
            label="Commune"
            state={err("city") ? "error" : "default"}
            stateRelatedMessage={err("city")}
            nativeInputProps={{ ...register("city"), autoComplete: "address-level2" }}
          />
          <Input
            label="Code postal"
            state={err("postalCode") ? "error" : "default"}
            stateRelatedMessage={err("postalCode")}
            nativeInputProps={{
              ...register("postalCode"),
              inputMode: "numeric",
              autoComplete: "postal-code",
            }}
          />
          <Select
            label="Département"
            state={err("departementCode") ? "error" : "default"}
            stateRelatedMessage={err("departementCode")}
            nativeSelectProps={register("departementCode")}
          >
            <option value="">Choisissez</option>
            {DEPARTEMENTS.map((d) => (
              <option key={d.code} value={d.code}>{`${d.code} - ${d.name} (${d.region})`}</option>
            ))}
          </Select>
          <LabelSelect
            label="Type de territoire"
            labels={TERRITORY_LABELS}
            error={err("territoryType")}
            nativeSelectProps={register("territoryType")}
          />
          {territory === "QPV" && (
            <Input
              label="Code du quartier prioritaire"
              hintText="Par exemple QN06201M"
              state={err("qpvCode") ? "error" : "default"}
              stateRelatedMessage={err("qpvCode")}
              nativeInputProps={register("qpvCode")}
            />
          )}
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" aria-labelledby="membres-legend">
        <legend id="membres-legend" className="fr-fieldset__legend fr-h4">
          Membres du pôle
        </legend>
        <div className="w-full">
          {err("members") && <p className="fr-error-text">{err("members")}</p>}
          <div aria-live="polite" className="fr-mb-2w">
            {status.eligible ? (
              <Alert
                severity="success"
                small
                description="La composition du pôle remplit les conditions de l'appel (décret 2015-431)."
              />
            ) : (
              <Alert
                severity="info"
                small
                description={`Avant le dépôt : ${status.reasons.join(" ")}`}
              />
            )}
          </div>
          {members.fields.map((f, i) => (
            <div key={f.id} className="fr-p-2w fr-mb-2w fr-background-alt--grey">
              <div className="grid gap-4 md:grid-cols-3">
                <Input
                  label={`Nom du membre ${i + 1}`}
                  state={err(`members.${i}.name`) ? "error" : "default"}
                  stateRelatedMessage={err(`members.${i}.name`)}
                  nativeInputProps={register(`members.${i}.name`)}
                />
                <LabelSelect
                  label={`Catégorie du membre ${i + 1}`}
                  labels={MEMBER_CATEGORY_LABELS}
                  error={err(`members.${i}.category`)}
                  nativeSelectProps={register(`members.${i}.category`)}
                />
                <Input
                  label={`SIRET du membre ${i + 1} (facultatif)`}
                  state={err(`members.${i}.siret`) ? "error" : "default"}
                  stateRelatedMessage={err(`members.${i}.siret`)}
                  nativeInputProps={{ ...register(`members.${i}.siret`), inputMode: "numeric" }}
                />
              </div>
              <Checkbox
                small
                options={[
                  {
                    label: `Le membre ${i + 1} est une personne morale`,
                    nativeInputProps: register(`members.${i}.isLegalPerson`),
                  },
                ]}
              />
              <RemoveRowButton onClick={() => members.remove(i)}>
                Retirer le membre {i + 1}
              </RemoveRowButton>
            </div>
          ))}
          <AddRowButton
            onClick={() =>
              members.append({ name: "", category: "" as never, siret: "", isLegalPerson: true })
            }
          >
            Ajouter un membre
          </AddRowButton>
        </div>
      </fieldset>

      <Input
        textArea
        label="Gouvernance du pôle (facultatif)"
        hintText="Instances, fréquence des réunions, place de chaque catégorie de membres"
        state={err("governance") ? "error" : "default"}
        stateRelatedMessage={err("governance")}
        nativeTextAreaProps={{ ...register("governance"), rows: 5 }}
      />
      <Button type="submit" disabled={formState.isSubmitting} iconId="fr-icon-save-line">
        {formState.isSubmitting ? "Enregistrement…" : "Enregistrer le pôle"}
      </Button>
    </form>
  );
}
