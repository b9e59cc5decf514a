"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
// The second-level analysis of one dossier: confirm the regional values or adjust them, with the
// written justification of each change (the same zod schema as the server's).
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { parseFrenchNumber } from "@/components/admin/form-fields";
import { reviewDossierAction } from "@/lib/national/actions";
import { type NationalReviewInput, nationalReviewSchema } from "@/lib/national/schema";

type Props = {
  applicationId: string;
  regional: { score: number; amountCents: number };
  bounds: { minCents: number; maxCents: number };
  initial: {
    score: number;
    amountCents: number;
    scoreJustification: string;
    amountJustification: string;
  };
};

const toText = (value: number, factor: number) => String(value / factor).replace(".", ",");

export function ReviewForm({ applicationId, regional, bounds, initial }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [scoreText, setScoreText] = useState(toText(initial.score, 100));
  const [amountText, setAmountText] = useState(toText(initial.amountCents, 100));
  const form = useForm<NationalReviewInput>({
    resolver: zodResolver(nationalReviewSchema(regional, bounds)),
    defaultValues: initial,
  });
  const { errors } = form.formState;
  const score = form.watch("score");
  const amountCents = form.watch("amountCents");

  const submit = form.handleSubmit((values) =>
    start(async () => {
      setDone(null);
      const r = await reviewDossierAction(applicationId, values);
      if (r.ok) {
        setFailure(null);
        setDone(
          r.data.adjusted
            ? "Ajustement enregistré et tracé dans le journal d'audit."
            : "Valeurs régionales confirmées.",
        );
        router.refresh();
      } else {
        setFailure(r.message);
        for (const [field, messages] of Object.entries(r.fieldErrors ?? {}))
          form.setError(field as keyof NationalReviewInput, { message: messages[0] });
      }
    }),
  );

  const setNumber = (field: "score" | "amountCents", text: string, set: (t: string) => void) => {
    set(text);
    const value = parseFrenchNumber(text);
    form.setValue(field, Number.isNaN(value) ? Number.NaN : Math.round(value * 100), {
      shouldValidate: form.formState.isSubmitted,
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="analyse-titre">
      {failure && (
        <Alert severity="error" small description={failure} className="fr-mb-2w" role="alert" />
      )}
      {done && (
        <Alert severity="success" small description={done} className="fr-mb-2w" role="status" />
      )}
      <div className="grid gap-x-6 md:grid-cols-2">
        <Input
          label="Note nationale (sur 100)"
          hintText="Deux décimales au plus, par exemple 73,50"
          state={errors.score ? "error" : "default"}
          stateRelatedMessage={errors.score?.message}
          nativeInputProps={{
            inputMode: "decimal",
            value: scoreText,
            onChange: (e) => setNumber("score", e.target.value, setScoreText),
            name: "score",
          }}
        />
        <Input
          label="Montant national (€)"
          hintText="Entre les bornes de l'appel"
          state={errors.amountCents ? "error" : "default"}
          stateRelatedMessage={errors.amountCents?.message}
          nativeInputProps={{
            inputMode: "decimal",
            value: amountText,
            onChange: (e) => setNumber("amountCents", e.target.value, setAmountText),
            name: "amountCents",
          }}
        />
      </div>
      {score !== regional.score && (
        <Input
          textArea
          label="Justification de la modification de la note"
          state={errors.scoreJustification ? "error" : "default"}
          stateRelatedMessage={errors.scoreJustification?.message}
          nativeTextAreaProps={{ ...form.register("scoreJustification"), rows: 3, maxLength: 2000 }}
        />
      )}
      {amountCents !== regional.amountCents && (
        <Input
          textArea
          label="Justification de la modification du montant"
          state={errors.amountJustification ? "error" : "default"}
          stateRelatedMessage={errors.amountJustification?.message}
          nativeTextAreaProps={{
            ...form.register("amountJustification"),
            rows: 3,
            maxLength: 2000,
          }}
        />
      )}
      <div className="flex flex-wrap gap-4">
        <Button type="submit" disabled={pending}>
          {score === regional.score && amountCents === regional.amountCents
            ? "Confirmer les valeurs régionales"
            : "Enregistrer l'ajustement"}
        </Button>
        <Button
          type="button"
          priority="secondary"
          disabled={pending}
          onClick={() => {
            setNumber("score", toText(regional.score, 100), setScoreText);
            setNumber("amountCents", toText(regional.amountCents, 100), setAmountText);
          }}
        >
          Revenir aux valeurs régionales
        </Button>
      </div>
    </form>
  );
}
