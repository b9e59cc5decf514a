"use client";
// The national cell's acts on a convention, each confirmed first: send, countersign, cancel (with a reason).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  cancelConventionAction,
  countersignConventionAction,
  prepareConventionsAction,
  sendConventionAction,
} from "@/lib/conventions/actions";
import { canMoveConvention } from "@/lib/conventions/rules";
import type { ConventionStatus } from "@/lib/generated/prisma/enums";

type Act = "send" | "countersign" | "cancel";
const TEXTS: Record<Act, { button: string; question: string; confirm: string }> = {
  send: {
    button: "Envoyer la convention au porteur",
    question:
      "Envoyer la convention ? Le porteur est prévenu par e-mail et le délai de signature commence.",
    confirm: "Confirmer l'envoi",
  },
  countersign: {
    button: "Contresigner la convention",
    question:
      "Contresigner la convention ? Elle entre en vigueur : les versements et les bilans peuvent commencer.",
    confirm: "Confirmer la contre-signature",
  },
  cancel: {
    button: "Annuler la convention",
    question:
      "Annuler la convention ? Cette action est définitive ; le dossier sera signalé pour une promotion de la liste complémentaire.",
    confirm: "Confirmer l'annulation",
  },
};

export function ConventionActions({
  conventionId,
  status,
  overdue,
}: {
  conventionId: string;
  status: ConventionStatus;
  overdue: boolean;
}) {
  const router = useRouter();
  const [act, setAct] = useState<Act | null>(null);
  const [reason, setReason] = useState(overdue ? "Délai de signature dépassé." : "");
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [pending, start] = useTransition();
  const acts: Act[] = [
    ...(canMoveConvention(status, "SENT") ? (["send"] as const) : []),
    ...(canMoveConvention(status, "COUNTERSIGNED") ? (["countersign"] as const) : []),
    ...(canMoveConvention(status, "CANCELLED") ? (["cancel"] as const) : []),
  ];
  if (acts.length === 0) return null;
  const run = (which: Act) =>
    start(async () => {
      const r =
        which === "send"
          ? await sendConventionAction(conventionId)
          : which === "countersign"
            ? await countersignConventionAction(conventionId)
            : await cancelConventionAction(conventionId, reason);
      if (r.ok) {
        setAct(null);
        setError(null);
        router.refresh();
      } else
        setError({
          message: r.fieldErrors?.reason?.[0] ?? r.message,
          field: r.fieldErrors?.reason ? "reason" : undefined,
        });
    });
  return (
    <div className="fr-mb-4w">
      {!act ? (
        <div className="flex flex-wrap gap-4">
          {acts.map((a) => (
            <Button
              key={a}
              priority={a === "cancel" ? "tertiary" : "primary"}
              onClick={() => setAct(a)}
            >
              {TEXTS[a].button}
            </Button>
          ))}
        </div>
      ) : (
        // biome-ignore lint/a11y/useSemanticElements: a confirmation question with its buttons, not a set of fields: a <fieldset> would bring the browser's border and padding (the DSFR styles only .fr-fieldset) and want a <legend>
        <div
          className="fr-p-2w fr-background-alt--grey"
          role="group"
          aria-label={TEXTS[act].button}
        >
          <p>{TEXTS[act].question}</p>
          {act === "cancel" && (
            <Input
              textArea
              label="Motif de l'annulation"
              state={error?.field === "reason" ? "error" : "default"}
              stateRelatedMessage={error?.field === "reason" ? error.message : undefined}
              nativeTextAreaProps={{
                value: reason,
                onChange: (e) => setReason(e.target.value),
                rows: 3,
                maxLength: 2000,
              }}
            />
          )}
          {error && !error.field && (
            <Alert
              severity="error"
              small
              description={error.message}
              className="fr-mb-2w"
              role="alert"
            />
          )}
          <div className="flex flex-wrap gap-4">
            <Button disabled={pending} onClick={() => run(act)}>
              {TEXTS[act].confirm}
            </Button>
            <Button
              priority="secondary"
              onClick={() => {
                setAct(null);
                setError(null);
              }}
            >
              Annuler
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

export function PrepareConventionsButton({ callId, count }: { callId: string; count: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="fr-mb-3w">
      <Button
        disabled={pending || count === 0}
        onClick={() =>
          start(async () => {
            const r = await prepareConventionsAction(callId);
            setMessage(
              r.ok
                ? {
                    ok: true,
                    text: `${r.data} convention${r.data > 1 ? "s" : ""} préparée${r.data > 1 ? "s" : ""}.`,
                  }
                : { ok: false, text: r.message },
            );
            router.refresh();
          })
        }
      >
        {count > 0
          ? `Préparer les conventions des ${count} lauréat${count > 1 ? "s" : ""} sans convention`
          : "Toutes les conventions des lauréats sont préparées"}
      </Button>
      <div role="status">
        {message && (
          <Alert
            severity={message.ok ? "success" : "error"}
            small
            description={message.text}
            className="fr-mt-2w"
          />
        )}
      </div>
    </div>
  );
}
