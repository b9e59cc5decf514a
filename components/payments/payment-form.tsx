"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { parseFrenchNumber } from "@/components/admin/form-fields";
import type { FieldErrors } from "@/lib/errors";
import { recordPaymentAction } from "@/lib/payments/actions";

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
  const [trancheId, setTrancheId] = useState(first?.id ?? "");
  const [amount, setAmount] = useState(first ? euros(first.remainingCents) : "");
  const [paidOn, setPaidOn] = useState(today);
  const [reference, setReference] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, start] = useTransition();
  const err = (k: string) => errors[k]?.[0];
  const value = parseFrenchNumber(amount);

  const submit = () =>
    start(async () => {
      const amountCents = Number.isNaN(value) ? Number.NaN : Math.round(value * 100);
      const r = await recordPaymentAction(conventionId, {
        trancheId,
        amountCents: Number.isNaN(amountCents) ? (undefined as unknown as number) : amountCents,
        paidOn,
        accountingReference: reference,
      });
      setConfirming(false);
      if (r.ok) {
        setErrors({});
        setReference("");
        setMessage({ ok: true, text: "Versement enregistré." });
        router.refresh();
      } else {
        setErrors(r.fieldErrors ?? {});
        setMessage({ ok: false, text: r.message });
      }
    });

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
            setTrancheId(e.target.value);
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
          onChange: (e) => setPaidOn(e.target.value),
        }}
      />
      <Input
        label="Référence comptable"
        hintText="Numéro d'engagement juridique ou de demande de paiement (Chorus)"
        state={err("accountingReference") ? "error" : "default"}
        stateRelatedMessage={err("accountingReference")}
        nativeInputProps={{
          value: reference,
          onChange: (e) => setReference(e.target.value),
          maxLength: 60,
        }}
      />
      {!confirming ? (
        <Button type="submit" disabled={pending}>
          Enregistrer le versement
        </Button>
      ) : (
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
