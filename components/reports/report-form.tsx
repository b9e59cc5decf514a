"use client";
// The pole's report: activity, indicators achieved against the dossier's targets, financial summary;
// saved as a draft or filed (with a confirmation: a filed report can no longer change).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { FieldErrors } from "@/lib/errors";
import { fileReportAction } from "@/lib/reports/actions";

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
  const [activity, setActivity] = useState(initial.activity);
  const [financialSummary, setFinancialSummary] = useState(initial.financialSummary);
  const [achieved, setAchieved] = useState<string[]>(
    indicators.map((_, i) => initial.achieved[i] ?? ""),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(
    null,
  );
  const [confirming, setConfirming] = useState(false);
  const [pending, start] = useTransition();
  const summary = useRef<HTMLDivElement>(null);

  const save = (submit: boolean) =>
    start(async () => {
      const r = await fileReportAction(reportId, { activity, financialSummary, achieved, submit });
      setConfirming(false);
      if (r.ok) {
        setErrors({});
        setMessage({
          severity: "success",
          text: submit
            ? "Bilan déposé : la cellule nationale va l'examiner."
            : "Brouillon enregistré.",
        });
        router.refresh();
      } else {
        setErrors(r.fieldErrors ?? {});
        setMessage({ severity: "error", text: r.message });
      }
      setTimeout(() => summary.current?.focus(), 0);
    });
  const err = (key: string) => errors[key]?.[0];

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
      <Input
        textArea
        label="Actions menées"
        hintText="Ce que le pôle a réalisé sur la période : animation, projets, coopérations, difficultés."
        state={err("activity") ? "error" : "default"}
        stateRelatedMessage={err("activity")}
        nativeTextAreaProps={{
          value: activity,
          onChange: (e) => setActivity(e.target.value),
          rows: 8,
          maxLength: 20000,
          name: "activity",
        }}
      />
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">
          Indicateurs : valeurs atteintes au regard des cibles du dossier
        </legend>
        {indicators.length === 0 && (
          <p className="fr-fieldset__element">Le dossier ne déclarait pas d&apos;indicateur.</p>
        )}
        {indicators.map((ind, i) => (
          <div className="fr-fieldset__element" key={i}>
            <Input
              label={`${ind.label}${ind.unit ? ` (${ind.unit})` : ""}`}
              hintText={`Cible : ${ind.target || "non précisée"}`}
              state={err(`achieved.${i}`) ? "error" : "default"}
              stateRelatedMessage={err(`achieved.${i}`)}
              nativeInputProps={{
                value: achieved[i] ?? "",
                maxLength: 200,
                onChange: (e) =>
                  setAchieved((prev) => prev.map((v, j) => (j === i ? e.target.value : v))),
              }}
            />
          </div>
        ))}
      </fieldset>
      <Input
        textArea
        label="Bilan financier"
        hintText="L'emploi de la subvention : dépenses réalisées par poste, cofinancements obtenus, écarts au budget prévisionnel."
        state={err("financialSummary") ? "error" : "default"}
        stateRelatedMessage={err("financialSummary")}
        nativeTextAreaProps={{
          value: financialSummary,
          onChange: (e) => setFinancialSummary(e.target.value),
          rows: 6,
          maxLength: 20000,
          name: "financialSummary",
        }}
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
