"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { type Path, useForm } from "react-hook-form";
import { errorAt, parseFrenchNumber } from "@/components/admin/form-fields";
import { ERROR_MESSAGES } from "@/lib/errors";
import { recordPaymentAction } from "@/lib/payments/actions";
import { type PaymentInput, paymentSchema } from "@/lib/payments/schema";

type Tranche = { id: string; label: string; remainingCents: number };
const euros = (cents: number) =>
  (cents / 100).toLocaleString("fr-FR", { minimumFractionDigits: cents % 100 ? 2 : 0 });

/** Records a payment (versement) on a tranche; the amount defaults to what remains of it. Confirmed first. */
export function PaymentForm({
  conventionId,
  tranches,
  today,
}: {
  conventionId: string;
  tranches: Tranche[];
  today: string;
}) {
  const router = useRouter();
  const first = tranches.find((t) => t.remainingCents > 0) ?? tranches[0];
  const form = useForm<PaymentInput>({
    resolver: zodResolver(paymentSchema, undefined, { raw: true }),
    reValidateMode: "onSubmit",
    defaultValues: {
      trancheId: first?.id ?? "",
      paidOn: today,
      accountingReference: "",
    },
  });
  const { trancheId, paidOn, accountingReference: reference } = form.watch();
  // The amount is typed in euros, parsed when the payment is confirmed.
  const [amount, setAmount] = useState(first ? euros(first.remainingCents) : "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, start] = useTransition();
  const err = (k: string) => errorAt(form.formState.errors, k);
  const value = parseFrenchNumber(amount);

  // The input is checked when the payment is confirmed, as the server does, then sent.
  const submit = () => {
    // An unreadable amount is sent as missing: the schema then asks for it.
    form.setValue(
      "amountCents",
      Number.isNaN(value) ? (undefined as unknown as number) : Math.round(value * 100),
    );
    void form.handleSubmit(
      (input) =>
        start(async () => {
          const r = await recordPaymentAction(conventionId, input);
          setConfirming(false);
          if (r.ok) {
            form.setValue("accountingReference", "");
            setMessage({ ok: true, text: "Versement enregistré." });
            router.refresh();
          } else {
            for (const [path, messages] of Object.entries(r.fieldErrors ?? {}))
              form.setError(path as Path<PaymentInput>, { message: messages[0] });
            setMessage({ ok: false, text: r.message });
          }
        }),
      () => {
        setConfirming(false);
        setMessage({ ok: false, text: ERROR_MESSAGES.VALIDATION });
      },
    )();
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
      noValidate
      className="fr-p-3w fr-background-alt--grey"
    >
      <h3 className="fr-h6">Enregistrer un versement</h3>
      <div role="status">
        {message && (
          <Alert
            severity={message.ok ? "success" : "error"}
            small
            description={message.text}
            className="fr-mb-2w"
          />
        )}
      </div>
      <Select
        label="Tranche"
        state={err("trancheId") ? "error" : "default"}
        stateRelatedMessage={err("trancheId")}
        nativeSelectProps={{
          value: trancheId,
          onChange: (e) => {
            form.setValue("trancheId", e.target.value);
            const t = tranches.find((x) => x.id === e.target.value);
            if (t) setAmount(euros(t.remainingCents));
          },
        }}
      >
        {tranches.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label} (reste {euros(t.remainingCents)} €)
          </option>
        ))}
      </Select>
      <Input
        label="Montant versé (€)"
        hintText="Par exemple 35 000 ou 35 000,50"
        state={err("amountCents") || (amount && Number.isNaN(value)) ? "error" : "default"}
        stateRelatedMessage={
          err("amountCents") ??
          (amount && Number.isNaN(value)
            ? "Saisissez un nombre, par exemple 35 000 ou 35 000,50."
            : undefined)
        }
        nativeInputProps={{
          value: amount,
          onChange: (e) => setAmount(e.target.value),
          inputMode: "decimal",
        }}
      />
      <Input
        label="Date du versement"
        state={err("paidOn") ? "error" : "default"}
        stateRelatedMessage={err("paidOn")}
        nativeInputProps={{
          type: "date",
          value: paidOn,
          max: today,
          onChange: (e) => form.setValue("paidOn", e.target.value),
        }}
      />
      <Input
        label="Référence comptable"
        hintText="Numéro d'engagement juridique ou de demande de paiement (Chorus)"
        state={err("accountingReference") ? "error" : "default"}
        stateRelatedMessage={err("accountingReference")}
        nativeInputProps={{
          value: reference,
          onChange: (e) => form.setValue("accountingReference", e.target.value),
          maxLength: 60,
        }}
      />
      {!confirming ? (
        <Button type="submit" disabled={pending}>
          Enregistrer le versement
        </Button>
      ) : (
        // biome-ignore lint/a11y/useSemanticElements: a confirmation question with its buttons, not a set of fields: a <fieldset> would bring the browser's border and padding (the DSFR styles only .fr-fieldset) and want a <legend>
        <div role="group" aria-label="Confirmation du versement">
          <p>
            Enregistrer un versement de {amount} € (
            {tranches.find((t) => t.id === trancheId)?.label}) ? Un versement enregistré ne peut pas
            être supprimé.
          </p>
          <div className="flex flex-wrap gap-4">
            <Button disabled={pending} onClick={submit}>
              Confirmer le versement
            </Button>
            <Button priority="secondary" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
          </div>
        </div>
      )}
    </form>
  );
}
