"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { type Path, useFieldArray, useForm, useWatch } from "react-hook-form";
import { errorAt } from "@/components/admin/form-fields";
import { savePoleAction } from "@/lib/poles/actions";
import { LEGAL_FORM_LABELS, MEMBER_CATEGORY_LABELS, TERRITORY_LABELS } from "@/lib/poles/labels";
import { eligibility, type PoleData, type PoleInput, poleSchema } from "@/lib/poles/schema";
import { REGIONS } from "@/lib/regions/catalog";

const DEPARTEMENTS = REGIONS.flatMap((r) =>
  r.departements.map((d) => ({ ...d, region: r.name })),
).sort((a, b) => a.code.localeCompare(b.code));

export function PoleForm({
  poleId,
  defaultValues,
}: {
  poleId: string | null;
  defaultValues: PoleInput;
}) {
  const router = useRouter();
  const alertRef = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
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
        setFailure(result.message);
        alertRef.current?.focus();
        return;
      }
      router.push("/mes-dossiers?pole=1");
      router.refresh();
    },
    () => {
      setFailure("Certaines informations sont invalides. Corrigez les champs signalés en rouge.");
      alertRef.current?.focus();
    },
  );

  return (
    <form onSubmit={onSubmit} noValidate>
      <div ref={alertRef} tabIndex={-1} className="fr-mb-3w">
        {failure && (
          <Alert
            severity="error"
            title="Le pôle n'a pas été enregistré"
            description={failure}
            as="h2"
            small={false}
          />
        )}
      </div>
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
          <Select
            label="Forme juridique"
            state={err("legalForm") ? "error" : "default"}
            stateRelatedMessage={err("legalForm")}
            nativeSelectProps={register("legalForm")}
          >
            <option value="">Choisissez</option>
            {Object.entries(LEGAL_FORM_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </Select>
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
          <Select
            label="Type de territoire"
            state={err("territoryType") ? "error" : "default"}
            stateRelatedMessage={err("territoryType")}
            nativeSelectProps={register("territoryType")}
          >
            <option value="">Choisissez</option>
            {Object.entries(TERRITORY_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </Select>
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
                <Select
                  label={`Catégorie du membre ${i + 1}`}
                  state={err(`members.${i}.category`) ? "error" : "default"}
                  stateRelatedMessage={err(`members.${i}.category`)}
                  nativeSelectProps={register(`members.${i}.category`)}
                >
                  <option value="">Choisissez</option>
                  {Object.entries(MEMBER_CATEGORY_LABELS).map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </Select>
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
              <Button
                type="button"
                priority="tertiary"
                size="small"
                iconId="fr-icon-delete-line"
                onClick={() => members.remove(i)}
              >
                Retirer le membre {i + 1}
              </Button>
            </div>
          ))}
          <Button
            type="button"
            priority="secondary"
            iconId="fr-icon-add-line"
            onClick={() =>
              members.append({ name: "", category: "" as never, siret: "", isLegalPerson: true })
            }
          >
            Ajouter un membre
          </Button>
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
