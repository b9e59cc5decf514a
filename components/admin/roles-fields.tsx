"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { type Control, type UseFormRegister, useFieldArray, useWatch } from "react-hook-form";
import { ROLE_LABELS } from "@/lib/auth/spaces";
import { errorAt } from "./form-fields";

type RolesForm = { roles: { role: keyof typeof ROLE_LABELS; regionCode: string | null }[] };
export type RegionOption = { code: string; name: string };
const REGIONAL = ["CRA_EVALUATOR", "CRA_COORDINATOR"];

/** The roles of a user, each with its region when it is a regional cell's role. */
export function RolesFields({
  control,
  register,
  errors,
  regions,
}: {
  control: Control<RolesForm>;
  register: UseFormRegister<RolesForm>;
  errors: unknown;
  regions: RegionOption[];
}) {
  const { fields, append, remove, update } = useFieldArray({ control, name: "roles" });
  const values = useWatch({ control, name: "roles" }) ?? [];
  return (
    <fieldset className="fr-fieldset" aria-labelledby="roles-legend">
      <legend id="roles-legend" className="fr-fieldset__legend">
        Rôles
      </legend>
      {errorAt(errors, "roles") && (
        <p className="fr-error-text w-full">{errorAt(errors, "roles")}</p>
      )}
      {fields.map((f, i) => (
        <div
          key={f.id}
          className="fr-p-2w fr-mb-2w fr-background-alt--grey grid w-full gap-4 md:grid-cols-3"
        >
          <Select
            label={`Rôle ${i + 1}`}
            nativeSelectProps={register(`roles.${i}.role`, {
              // A national role drops the region its hidden select held: it would fail the check unseen.
              onChange: (e: { target: { value: RolesForm["roles"][number]["role"] } }) => {
                if (!REGIONAL.includes(e.target.value))
                  update(i, { role: e.target.value, regionCode: null });
              },
            })}
          >
            {Object.entries(ROLE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
          {REGIONAL.includes(values[i]?.role ?? "") ? (
            <Select
              label={`Région du rôle ${i + 1}`}
              state={errorAt(errors, `roles.${i}.regionCode`) ? "error" : "default"}
              stateRelatedMessage={errorAt(errors, `roles.${i}.regionCode`)}
              nativeSelectProps={register(`roles.${i}.regionCode`, {
                setValueAs: (v: string) => v || null,
              })}
            >
              <option value="">Choisissez une région</option>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </Select>
          ) : (
            <p className="fr-text--sm self-end">Rôle national : sans région.</p>
          )}
          <div className="flex items-end">
            <Button
              type="button"
              priority="tertiary"
              size="small"
              iconId="fr-icon-delete-line"
              onClick={() => remove(i)}
            >
              Retirer le rôle {i + 1}
            </Button>
          </div>
        </div>
      ))}
      <Button
        type="button"
        priority="secondary"
        size="small"
        iconId="fr-icon-add-line"
        onClick={() => append({ role: "CRA_EVALUATOR", regionCode: null })}
      >
        Ajouter un rôle
      </Button>
    </fieldset>
  );
}

/** Non-regional roles carry no region, whatever the hidden select last held. */
export function normaliseRoles(roles: RolesForm["roles"]): RolesForm["roles"] {
  return roles.map((g) => ({
    role: g.role,
    regionCode: REGIONAL.includes(g.role) ? g.regionCode || null : null,
  }));
}
