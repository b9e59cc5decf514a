"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { type Path, useForm } from "react-hook-form";
import type { RoleGrant } from "@/lib/auth/policy";
import { setUserActiveAction, setUserRolesAction } from "@/lib/users/actions";
import { rolesSchema } from "@/lib/users/schema";
import type * as z from "@/lib/zod";
import { normaliseRoles, type RegionOption, RolesFields } from "./roles-fields";

type RolesInput = z.input<typeof rolesSchema>;

export function UserRolesForm({
  userId,
  roles,
  regions,
}: {
  userId: string;
  roles: RoleGrant[];
  regions: RegionOption[];
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm<RolesInput>({
    resolver: zodResolver(rolesSchema),
    defaultValues: { roles },
  });
  const onSubmit = form.handleSubmit(async () => {
    const result = await setUserRolesAction(userId, {
      roles: normaliseRoles(form.getValues().roles) as RoleGrant[],
    });
    if (!result.ok) {
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {}))
        form.setError(path as Path<RolesInput>, { message: messages[0] });
      setMessage({ ok: false, text: result.message });
      return;
    }
    setMessage({
      ok: true,
      text: "Rôles enregistrés. Ils s'appliquent dès la prochaine page ouverte par la personne.",
    });
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      {message && (
        <Alert
          severity={message.ok ? "success" : "error"}
          small
          description={message.text}
          role={message.ok ? "status" : "alert"}
          className="fr-mb-2w"
        />
      )}
      <RolesFields
        control={form.control as never}
        register={form.register as never}
        errors={form.formState.errors}
        regions={regions}
      />
      <Button type="submit" disabled={form.formState.isSubmitting} className="fr-mt-2w">
        Enregistrer les rôles
      </Button>
    </form>
  );
}

/** Deactivation (asked for confirmation) and reactivation. */
export function UserActiveToggle({
  userId,
  active,
  name,
}: {
  userId: string;
  active: boolean;
  name: string;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const apply = (next: boolean) =>
    start(async () => {
      const result = await setUserActiveAction(userId, next);
      setConfirming(false);
      if (!result.ok) setError(result.message);
      else {
        setError(null);
        router.refresh();
      }
    });
  return (
    <div>
      {error && <Alert severity="error" small description={error} className="fr-mb-2w" />}
      {!active ? (
        <Button priority="secondary" disabled={pending} onClick={() => apply(true)}>
          Réactiver le compte
        </Button>
      ) : confirming ? (
        // biome-ignore lint/a11y/useSemanticElements: a confirmation question with its buttons, not a set of fields: a <fieldset> would bring the browser's border and padding (the DSFR styles only .fr-fieldset) and want a <legend>
        <div
          className="fr-p-2w fr-background-alt--grey"
          role="group"
          aria-label="Confirmation de la désactivation"
        >
          <p>
            Désactiver le compte de {name} ? Ses sessions prennent fin immédiatement ; ses dossiers
            et évaluations sont conservés.
          </p>
          <div className="flex gap-4">
            <Button disabled={pending} onClick={() => apply(false)}>
              Confirmer la désactivation
            </Button>
            <Button priority="secondary" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
          </div>
        </div>
      ) : (
        <Button
          priority="secondary"
          iconId="fr-icon-close-circle-line"
          onClick={() => setConfirming(true)}
        >
          Désactiver le compte
        </Button>
      )}
    </div>
  );
}
