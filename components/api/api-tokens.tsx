"use client";
// Personal access tokens of the REST API on the account page: create (shown once), list, revoke.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { type Path, useForm } from "react-hook-form";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/api/actions";
import {
  API_SCOPES,
  type CreateTokenInput,
  createTokenSchema,
  SCOPE_LABELS,
  TOKEN_DURATIONS,
} from "@/lib/api/schema";

export type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  expired: boolean;
};

export function ApiTokens({ tokens }: { tokens: TokenRow[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const form = useForm<CreateTokenInput>({
    resolver: zodResolver(createTokenSchema),
    reValidateMode: "onSubmit",
    defaultValues: { name: "", scopes: [], expiresInDays: 90 },
  });
  const errors = form.formState.errors;
  const create = form.handleSubmit(
    () => {
      const values = form.getValues();
      start(async () => {
        const r = await createApiTokenAction(values);
        if (r.ok) {
          setCreated(r.data.token);
          setFailure(null);
          form.reset({ name: "", scopes: [], expiresInDays: values.expiresInDays });
          router.refresh();
        } else {
          for (const [path, messages] of Object.entries(r.fieldErrors ?? {}))
            form.setError(path as Path<CreateTokenInput>, { message: messages[0] });
          setFailure(r.fieldErrors ? null : r.message);
        }
      });
    },
    () => setFailure(null),
  );

  return (
    <div>
      <p>
        Un jeton permet à un outil (tableau de bord, logiciel de suivi) de lire les données de
        l&apos;API (<a href="/api/v1/openapi.json">documentation OpenAPI</a>) avec vos droits,
        limités aux portées choisies. Il est affiché une seule fois.
      </p>
      {created && (
        <Alert
          severity="success"
          title="Jeton créé : copiez-le maintenant, il ne sera plus affiché"
          description={
            <code className="break-all" data-testid="new-token">
              {created}
            </code>
          }
          className="fr-mb-3w"
        />
      )}
      <form noValidate className="fr-mb-4w" onSubmit={create}>
        <Input
          label="Nom du jeton"
          hintText="Pour le reconnaître, par exemple « Tableau de bord régional »."
          state={errors.name ? "error" : "default"}
          stateRelatedMessage={errors.name?.message}
          nativeInputProps={{ ...form.register("name"), maxLength: 80 }}
        />
        <Checkbox
          legend="Portées (ce que le jeton peut lire)"
          state={errors.scopes ? "error" : "default"}
          stateRelatedMessage={errors.scopes?.message}
          options={API_SCOPES.map((s) => ({
            label: `${SCOPE_LABELS[s]} (${s})`,
            nativeInputProps: { ...form.register("scopes"), value: s },
          }))}
        />
        <Select
          label="Validité"
          state={errors.expiresInDays ? "error" : "default"}
          stateRelatedMessage={errors.expiresInDays?.message}
          nativeSelectProps={form.register("expiresInDays", { valueAsNumber: true })}
        >
          {TOKEN_DURATIONS.map((d) => (
            <option key={d} value={d}>
              {d === 365 ? "1 an" : `${d} jours`}
            </option>
          ))}
        </Select>
        {failure && (
          <Alert severity="error" small description={failure} className="fr-mb-2w" role="alert" />
        )}
        <Button type="submit" disabled={pending}>
          Créer le jeton
        </Button>
      </form>
      {tokens.length === 0 ? (
        <p className="fr-text--sm">Aucun jeton pour le moment.</p>
      ) : (
        <ul>
          {tokens.map((t) => (
            <li key={t.id} className="fr-mb-2w">
              <strong>{t.name}</strong> · <code>{t.prefix}…</code> · {t.scopes.join(", ")} ·{" "}
              {t.revokedAt
                ? `révoqué le ${t.revokedAt}`
                : t.expired
                  ? `expiré le ${t.expiresAt}`
                  : `valable jusqu'au ${t.expiresAt}`}{" "}
              · {t.lastUsedAt ? `dernière utilisation le ${t.lastUsedAt}` : "jamais utilisé"}
              {!t.revokedAt &&
                !t.expired &&
                (revoking === t.id ? (
                  // biome-ignore lint/a11y/useSemanticElements: a confirmation question with its buttons, not a set of fields: a <fieldset> would bring the browser's border and padding (the DSFR styles only .fr-fieldset) and want a <legend>
                  <span
                    className="fr-ml-2w inline-flex gap-2"
                    role="group"
                    aria-label={`Révocation du jeton ${t.name}`}
                  >
                    <Button
                      size="small"
                      disabled={pending}
                      onClick={() =>
                        start(async () => {
                          const r = await revokeApiTokenAction(t.id);
                          setRevoking(null);
                          if (!r.ok) setFailure(r.message);
                          router.refresh();
                        })
                      }
                    >
                      Confirmer la révocation de {t.name}
                    </Button>
                    <Button size="small" priority="secondary" onClick={() => setRevoking(null)}>
                      Annuler
                    </Button>
                  </span>
                ) : (
                  <Button
                    size="small"
                    priority="tertiary"
                    className="fr-ml-2w"
                    onClick={() => setRevoking(t.id)}
                  >
                    Révoquer {t.name}
                  </Button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
