"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { type Path, useForm } from "react-hook-form";
import { FailureSummary, useFailureSummary } from "@/components/ui/failure-summary";
import { inviteUserAction } from "@/lib/users/actions";
import { type InviteUserInput, inviteUserSchema } from "@/lib/users/schema";
import { errorAt } from "./form-fields";
import { normaliseRoles, type RegionOption, RolesFields } from "./roles-fields";

export function InviteForm({ regions }: { regions: RegionOption[] }) {
  const router = useRouter();
  const summary = useFailureSummary();
  const form = useForm<InviteUserInput>({
    resolver: zodResolver(inviteUserSchema),
    defaultValues: { email: "", name: "", roles: [{ role: "CRA_EVALUATOR", regionCode: null }] },
  });
  const { register, control, handleSubmit, setError, formState } = form;
  const onSubmit = handleSubmit(
    async () => {
      const values = form.getValues();
      const result = await inviteUserAction({
        ...values,
        roles: normaliseRoles(values.roles) as InviteUserInput["roles"],
      });
      if (!result.ok) {
        for (const [path, messages] of Object.entries(result.fieldErrors ?? {}))
          setError(path as Path<InviteUserInput>, { message: messages[0] });
        summary.show(result.message);
        return;
      }
      router.push(
        `/admin/utilisateurs?invite=${encodeURIComponent(values.email.trim().toLowerCase())}`,
      );
    },
    () => summary.show("Certaines informations sont invalides. Corrigez les champs signalés."),
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <FailureSummary ref={summary.ref} title="Invitation non envoyée" failure={summary.failure} />
      <Input
        label="Nom complet"
        state={errorAt(formState.errors, "name") ? "error" : "default"}
        stateRelatedMessage={errorAt(formState.errors, "name")}
        nativeInputProps={register("name")}
      />
      <Input
        label="Adresse e-mail"
        hintText="Le lien d'activation y est envoyé ; il est valable 7 jours."
        state={errorAt(formState.errors, "email") ? "error" : "default"}
        stateRelatedMessage={errorAt(formState.errors, "email")}
        nativeInputProps={{ ...register("email"), type: "email", autoComplete: "off" }}
      />
      <RolesFields
        control={control as never}
        register={register as never}
        errors={formState.errors}
        regions={regions}
      />
      <Button
        type="submit"
        disabled={formState.isSubmitting}
        iconId="fr-icon-mail-line"
        className="fr-mt-2w"
      >
        {formState.isSubmitting ? "Envoi…" : "Envoyer l'invitation"}
      </Button>
    </form>
  );
}
