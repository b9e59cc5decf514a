"use client";
// The pole's report: activity, indicators achieved against the dossier's targets, financial summary;
// saved as a draft or filed (with a confirmation: a filed report can no longer change).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { type Path, useForm } from "react-hook-form";
import { errorAt } from "@/components/admin/form-fields";
import { TextAreaField } from "@/components/ui/text-area-field";
import { ERROR_MESSAGES } from "@/lib/errors";
import { fileReportAction } from "@/lib/reports/actions";
import { type ReportInput, reportSchema } from "@/lib/reports/schema";

type Indicator = { label: string; unit: string; target: string };

export function ReportForm({
  reportId,
  indicators,
  initial,
}: {
  reportId: string;
  indicators: Indicator[];
  initial: { activity: string; financialSummary: string; achieved: string[] };
}) {
  const router = useRouter();
  const form = useForm<ReportInput>({
    resolver: zodResolver(reportSchema, undefined, { raw: true }),
    reValidateMode: "onSubmit",
    defaultValues: {
      activity: initial.activity,
      financialSummary: initial.financialSummary,
      achieved: indicators.map((_, i) => initial.achieved[i] ?? ""),
      submit: false,
    },
  });
  const { activity, financialSummary, achieved } = form.watch();
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(
    null,
  );
  const [confirming, setConfirming] = useState(false);
  const [pending, start] = useTransition();
  const summary = useRef<HTMLDivElement>(null);

  // A draft or a filing: checked with the schema (a filing needs every part), then sent.
  const save = (submit: boolean) => {
    form.setValue("submit", submit);
    void form.handleSubmit(
      (input) =>
        start(async () => {
          const r = await fileReportAction(reportId, input);
          setConfirming(false);
          if (r.ok) {
            setMessage({
              severity: "success",
              text: submit
                ? "Bilan déposé : la cellule nationale va l'examiner."
                : "Brouillon enregistré.",
            });
            router.refresh();
          } else {
            for (const [path, messages] of Object.entries(r.fieldErrors ?? {}))
              form.setError(path as Path<ReportInput>, { message: messages[0] });
            setMessage({ severity: "error", text: r.message });
          }
          setTimeout(() => summary.current?.focus(), 0);
        }),
      () => {
        setConfirming(false);
        setMessage({ severity: "error", text: ERROR_MESSAGES.VALIDATION });
        setTimeout(() => summary.current?.focus(), 0);
      },
    )();
  };
  const err = (key: string) => errorAt(form.formState.errors, key);

  return (
    <form onSubmit={(e) => e.preventDefault()} noValidate>
      <div ref={summary} tabIndex={-1}>
        {message && (
          <Alert
            severity={message.severity}
            small
            description={message.text}
            className="fr-mb-3w"
            role={message.severity === "error" ? "alert" : "status"}
          />
        )}
      </div>
      <TextAreaField
        label="Actions menées"
        hint="Ce que le pôle a réalisé sur la période : animation, projets, coopérations, difficultés."
        error={err("activity")}
        value={activity}
        onChange={(value) => form.setValue("activity", value)}
        rows={8}
        maxLength={20000}
        name="activity"
      />
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          Indicateurs : valeurs atteintes au regard des cibles du dossier
        </legend>
        {indicators.length === 0 && (
          <p className="fr-fieldset__element">Le dossier ne déclarait pas d&apos;indicateur.</p>
        )}
        {indicators.map((ind, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list rendered as given, never reordered, added to or filtered: its position is its identity
          <div className="fr-fieldset__element" key={i}>
            <Input
              label={`${ind.label}${ind.unit ? ` (${ind.unit})` : ""}`}
              hintText={`Cible : ${ind.target || "non précisée"}`}
              state={err(`achieved.${i}`) ? "error" : "default"}
              stateRelatedMessage={err(`achieved.${i}`)}
              nativeInputProps={{
                value: achieved[i] ?? "",
                maxLength: 200,
                onChange: (e) => form.setValue(`achieved.${i}`, e.target.value),
              }}
            />
          </div>
        ))}
      </fieldset>
      <TextAreaField
        label="Bilan financier"
        hint="L'emploi de la subvention : dépenses réalisées par poste, cofinancements obtenus, écarts au budget prévisionnel."
        error={err("financialSummary")}
        value={financialSummary}
        onChange={(value) => form.setValue("financialSummary", value)}
        rows={6}
        maxLength={20000}
        name="financialSummary"
      />
      {!confirming ? (
        <div className="flex flex-wrap gap-4">
          <Button priority="secondary" disabled={pending} onClick={() => save(false)}>
            Enregistrer le brouillon
          </Button>
          <Button disabled={pending} onClick={() => setConfirming(true)}>
            Déposer le bilan
          </Button>
        </div>
      ) : (
        // biome-ignore lint/a11y/useSemanticElements: a confirmation question with its buttons, not a set of fields: a <fieldset> would bring the browser's border and padding (the DSFR styles only .fr-fieldset) and want a <legend>
        <div
          className="fr-p-2w fr-background-alt--grey"
          role="group"
          aria-label="Confirmation du dépôt du bilan"
        >
          <p>
            Déposer le bilan ? Il sera transmis à la cellule nationale et ne pourra plus être
            modifié, sauf si elle demande des compléments.
          </p>
          <div className="flex flex-wrap gap-4">
            <Button disabled={pending} onClick={() => save(true)}>
              Confirmer le dépôt du bilan
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
