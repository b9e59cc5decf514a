"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { reviewReportAction } from "@/lib/reports/actions";

/** The national cell accepts a filed report or asks for changes (a comment is then required). */
export function ReviewForm({ reportId, title }: { reportId: string; title: string }) {
  const router = useRouter();
  const [decision, setDecision] = useState<"ACCEPTED" | "CHANGES_REQUESTED" | "">("");
  const [comment, setComment] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      noValidate
      className="fr-p-3w fr-background-alt--grey fr-mb-3w"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await reviewReportAction(reportId, {
            decision: decision as "ACCEPTED",
            comment,
          });
          if (r.ok) {
            setErrors({});
            setMessage(null);
            router.refresh();
          } else {
            setErrors(r.fieldErrors ?? {});
            setMessage(r.message);
          }
        });
      }}
    >
      <RadioButtons
        legend={`Examen du ${title.toLowerCase()}`}
        state={errors.decision ? "error" : "default"}
        stateRelatedMessage={errors.decision?.[0]}
        options={[
          {
            label: "Accepter le bilan",
            nativeInputProps: {
              checked: decision === "ACCEPTED",
              onChange: () => setDecision("ACCEPTED"),
              value: "ACCEPTED",
            },
          },
          {
            label: "Demander des compléments",
            nativeInputProps: {
              checked: decision === "CHANGES_REQUESTED",
              onChange: () => setDecision("CHANGES_REQUESTED"),
              value: "CHANGES_REQUESTED",
            },
          },
        ]}
      />
      <Input
        textArea
        label="Commentaire pour le porteur"
        hintText="Obligatoire pour une demande de compléments."
        state={errors.comment ? "error" : "default"}
        stateRelatedMessage={errors.comment?.[0]}
        nativeTextAreaProps={{
          value: comment,
          onChange: (e) => setComment(e.target.value),
          rows: 3,
          maxLength: 5000,
        }}
      />
      {message && !errors.comment && !errors.decision && (
        <Alert severity="error" small description={message} className="fr-mb-2w" role="alert" />
      )}
      <Button type="submit" disabled={pending}>
        Enregistrer l&apos;examen
      </Button>
    </form>
  );
}
