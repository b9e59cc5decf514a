"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { type Path, useForm } from "react-hook-form";
import { ERROR_MESSAGES } from "@/lib/errors";
import { reviewReportAction } from "@/lib/reports/actions";
import { type ReviewInput, reviewSchema } from "@/lib/reports/schema";

/** The national cell accepts a filed report or asks for changes (a comment is then required). */
export function ReviewForm({ reportId, title }: { reportId: string; title: string }) {
  const router = useRouter();
  // No decision at first: the schema then asks for one.
  const form = useForm<ReviewInput>({
    resolver: zodResolver(reviewSchema, undefined, { raw: true }),
    reValidateMode: "onSubmit",
    defaultValues: { decision: "" as ReviewInput["decision"], comment: "" },
  });
  const { decision, comment } = form.watch();
  const { errors } = form.formState;
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      noValidate
      className="fr-p-3w fr-background-alt--grey fr-mb-3w"
      onSubmit={form.handleSubmit(
        (input) =>
          start(async () => {
            const r = await reviewReportAction(reportId, input);
            if (r.ok) {
              setMessage(null);
              router.refresh();
            } else {
              for (const [path, messages] of Object.entries(r.fieldErrors ?? {}))
                form.setError(path as Path<ReviewInput>, { message: messages[0] });
              setMessage(r.message);
            }
          }),
        () => setMessage(ERROR_MESSAGES.VALIDATION),
      )}
    >
      <RadioButtons
        legend={`Examen du ${title.toLowerCase()}`}
        state={errors.decision ? "error" : "default"}
        stateRelatedMessage={errors.decision?.message}
        options={[
          {
            label: "Accepter le bilan",
            nativeInputProps: {
              checked: decision === "ACCEPTED",
              onChange: () => form.setValue("decision", "ACCEPTED"),
              value: "ACCEPTED",
            },
          },
          {
            label: "Demander des compléments",
            nativeInputProps: {
              checked: decision === "CHANGES_REQUESTED",
              onChange: () => form.setValue("decision", "CHANGES_REQUESTED"),
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
        stateRelatedMessage={errors.comment?.message}
        nativeTextAreaProps={{
          value: comment,
          onChange: (e) => form.setValue("comment", e.target.value),
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
