"use client";
// One line of the decision list: the outcome, amount, reserve rank and reasons, edited in place.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { parseFrenchNumber } from "@/components/admin/form-fields";
import { updateDecisionAction } from "@/lib/national/actions";
import { OUTCOME_LABELS } from "@/lib/national/labels";

type Outcome = keyof typeof OUTCOME_LABELS;
type Props = {
  applicationId: string;
  reference: string;
  outcome: Outcome;
  amountCents: number | null;
  reserveRank: number | null;
  reasons: string;
  /** once finalised, only the reasons change */
  reasonsOnly: boolean;
};

export function DecisionEditor(props: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(props.outcome);
  const [amount, setAmount] = useState(
    props.amountCents === null ? "" : String(props.amountCents / 100).replace(".", ","),
  );
  const [rank, setRank] = useState(props.reserveRank === null ? "" : String(props.reserveRank));
  const [reasons, setReasons] = useState(props.reasons);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const id = (field: string) => `${field}-${props.applicationId}`;
  if (!open) {
    return (
      <Button
        size="small"
        priority="tertiary"
        onClick={() => setOpen(true)}
        title={`Modifier la décision ${props.reference}`}
      >
        {props.reasonsOnly ? "Modifier les motifs" : "Modifier"}
      </Button>
    );
  }
  const save = () =>
    start(async () => {
      const euros = parseFrenchNumber(amount);
      const input = props.reasonsOnly
        ? { reasons }
        : {
            outcome,
            amountCents:
              outcome === "NOT_RETAINED" || amount.trim() === "" || Number.isNaN(euros)
                ? null
                : Math.round(euros * 100),
            reserveRank: outcome === "RESERVE" && /^\d+$/.test(rank) ? Number(rank) : null,
            reasons,
          };
      const r = await updateDecisionAction(props.applicationId, input);
      if (r.ok) {
        setOpen(false);
        setErrors({});
        setMessage(null);
        router.refresh();
      } else {
        setErrors(r.fieldErrors ?? {});
        setMessage(r.message);
      }
    });
  return (
    <fieldset
      className="fr-fieldset fr-p-2w fr-background-alt--grey"
      aria-label={`Décision ${props.reference}`}
    >
      {message && (
        <Alert severity="error" small description={message} className="fr-mb-2w" role="alert" />
      )}
      {!props.reasonsOnly && (
        <>
          <Select
            label="Décision"
            nativeSelectProps={{
              id: id("decision"),
              value: outcome,
              onChange: (e) => setOutcome(e.target.value as Outcome),
            }}
          >
            {(Object.keys(OUTCOME_LABELS) as Outcome[]).map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}
              </option>
            ))}
          </Select>
          {outcome !== "NOT_RETAINED" && (
            <Input
              label="Montant (€)"
              state={errors.amountCents ? "error" : "default"}
              stateRelatedMessage={errors.amountCents?.[0]}
              nativeInputProps={{
                id: id("montant"),
                inputMode: "decimal",
                value: amount,
                onChange: (e) => setAmount(e.target.value),
              }}
            />
          )}
          {outcome === "RESERVE" && (
            <Input
              label="Rang sur la liste complémentaire"
              state={errors.reserveRank ? "error" : "default"}
              stateRelatedMessage={errors.reserveRank?.[0]}
              nativeInputProps={{
                id: id("rang"),
                inputMode: "numeric",
                value: rank,
                onChange: (e) => setRank(e.target.value),
              }}
            />
          )}
        </>
      )}
      <Input
        textArea
        label="Motifs (repris dans la lettre de décision)"
        state={errors.reasons ? "error" : "default"}
        stateRelatedMessage={errors.reasons?.[0]}
        nativeTextAreaProps={{
          id: id("motifs"),
          value: reasons,
          onChange: (e) => setReasons(e.target.value),
          rows: 8,
          maxLength: 8000,
        }}
      />
      <div className="flex flex-wrap gap-4">
        <Button size="small" disabled={pending} onClick={save}>
          Enregistrer
        </Button>
        <Button size="small" priority="secondary" onClick={() => setOpen(false)}>
          Annuler
        </Button>
      </div>
    </fieldset>
  );
}
