"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { errorAt } from "@/components/admin/form-fields";
import { FormMessages, useAction } from "@/components/regional/action-form";
import {
  assignSuggestedAction,
  finalizeRegionAction,
  rankRegionAction,
  reopenRegionAction,
} from "@/lib/regional/actions";
import { reasonSchema } from "@/lib/regional/schema";

export function BulkAssignButton({ callId, regionCode }: { callId: string; regionCode: string }) {
  const { pending, error, done, run } = useAction();
  return (
    <div>
      <FormMessages error={error} done={done} />
      <Button
        priority="secondary"
        iconId="fr-icon-team-line"
        disabled={pending}
        onClick={() =>
          run(
            () => assignSuggestedAction(callId, regionCode),
            (r) =>
              `${r.assigned} dossier(s) affecté(s) selon la charge de chacun.` +
              (r.skipped
                ? ` ${r.skipped} dossier(s) attendent votre déclaration d'intérêts.`
                : "") +
              (r.incomplete
                ? ` ${r.incomplete} dossier(s) manquent d'évaluateurs disponibles.`
                : ""),
          )
        }
      >
        Affecter les dossiers sans évaluateurs (suggestion équilibrée)
      </Button>
    </div>
  );
}

export function FinalizeButton({
  callId,
  regionCode,
  regionName,
  count,
}: {
  callId: string;
  regionCode: string;
  regionName: string;
  count: number;
}) {
  const { pending, error, done, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  return (
    <div>
      <FormMessages error={error} done={done} />
      {confirming ? (
        // biome-ignore lint/a11y/useSemanticElements: a confirmation question with its buttons, not a set of fields: a <fieldset> would bring the browser's border and padding (the DSFR styles only .fr-fieldset) and want a <legend>
        <div
          className="fr-p-2w fr-background-alt--grey"
          role="group"
          aria-label="Confirmation de la finalisation"
        >
          <p>
            Finaliser les résultats de la région {regionName} ({count} avis) ? Ils seront transmis à
            la cellule nationale et ne pourront plus être modifiés sans sa réouverture.
          </p>
          <div className="flex flex-wrap gap-4">
            <Button
              disabled={pending}
              onClick={() => {
                setConfirming(false);
                run(
                  () => finalizeRegionAction(callId, regionCode),
                  "Résultats finalisés et transmis à la cellule nationale.",
                );
              }}
            >
              Confirmer la finalisation
            </Button>
            <Button priority="secondary" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
          </div>
        </div>
      ) : (
        <Button iconId="fr-icon-send-plane-line" onClick={() => setConfirming(true)}>
          Finaliser et transmettre à la cellule nationale
        </Button>
      )}
    </div>
  );
}

export function ReopenForm({
  callId,
  regionCode,
  regionName,
}: {
  callId: string;
  regionCode: string;
  regionName: string;
}) {
  const form = useForm({
    resolver: zodResolver(reasonSchema, undefined, { raw: true }),
    reValidateMode: "onSubmit",
    defaultValues: { reason: "" },
  });
  const { pending, error, run, invalid } = useAction(form.setError);
  const fieldError = (path: string) => errorAt(form.formState.errors, path);
  const [open, setOpen] = useState(false);
  const reason = form.watch("reason");
  if (!open) {
    return (
      <Button size="small" priority="tertiary" onClick={() => setOpen(true)}>
        Rouvrir {regionName}
      </Button>
    );
  }
  return (
    <form
      className="fr-p-2w fr-background-alt--grey"
      onSubmit={form.handleSubmit(
        (input) =>
          run(
            () => reopenRegionAction(callId, regionCode, input),
            undefined,
            () => setOpen(false),
          ),
        invalid,
      )}
    >
      <FormMessages error={error} />
      <Input
        textArea
        label={`Motif de la réouverture (${regionName})`}
        hintText="Transmis à la coordination régionale."
        state={fieldError("reason") ? "error" : "default"}
        stateRelatedMessage={fieldError("reason")}
        nativeTextAreaProps={{
          value: reason,
          onChange: (e) => form.setValue("reason", e.target.value),
          rows: 3,
          maxLength: 1000,
        }}
      />
      <div className="flex flex-wrap gap-4">
        <Button type="submit" size="small" disabled={pending}>
          Confirmer la réouverture
        </Button>
        <Button type="button" size="small" priority="secondary" onClick={() => setOpen(false)}>
          Annuler
        </Button>
      </div>
    </form>
  );
}

type Ranked = {
  id: string;
  reference: string;
  poleName: string;
  opinion: string;
  score: string;
  amount: string;
};

/** The regional ranking: move a dossier up or down with the buttons (keyboard and screen readers), then save. */
export function RankingForm({
  callId,
  regionCode,
  initial,
}: {
  callId: string;
  regionCode: string;
  initial: Ranked[];
}) {
  const { pending, error, done, run } = useAction();
  const [order, setOrder] = useState(initial);
  const [announce, setAnnounce] = useState("");
  function move(index: number, by: -1 | 1) {
    const target = index + by;
    if (target < 0 || target >= order.length) return;
    const next = [...order];
    [next[index], next[target]] = [next[target]!, next[index]!];
    setOrder(next);
    setAnnounce(`${next[target]!.reference} est maintenant au rang ${target + 1}.`);
  }
  return (
    <div>
      <p className="fr-sr-only" aria-live="polite">
        {announce}
      </p>
      <ol className="fr-raw-list">
        {order.map((r, i) => (
          <li
            key={r.id}
            className="fr-p-2w fr-mb-1w fr-background-alt--grey flex flex-wrap items-center gap-4"
          >
            <strong className="w-12">{i + 1}</strong>
            <span className="grow">
              {r.reference} · {r.poleName} · {r.opinion} · {r.score} / 100 · {r.amount}
            </span>
            <Button
              size="small"
              priority="secondary"
              iconId="fr-icon-arrow-up-line"
              title={`Monter ${r.reference}`}
              disabled={i === 0}
              onClick={() => move(i, -1)}
            >
              Monter
            </Button>
            <Button
              size="small"
              priority="secondary"
              iconId="fr-icon-arrow-down-line"
              title={`Descendre ${r.reference}`}
              disabled={i === order.length - 1}
              onClick={() => move(i, 1)}
            >
              Descendre
            </Button>
          </li>
        ))}
      </ol>
      <FormMessages error={error} done={done} />
      <Button
        disabled={pending}
        onClick={() =>
          run(
            () => rankRegionAction(callId, regionCode, { order: order.map((r) => r.id) }),
            "Classement enregistré.",
          )
        }
      >
        Enregistrer le classement
      </Button>
    </div>
  );
}
