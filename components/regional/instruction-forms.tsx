"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useState } from "react";
import { parseFrenchNumber } from "@/components/admin/form-fields";
import { FormMessages, useAction } from "@/components/regional/action-form";
import { formatEuros } from "@/lib/format";
import type { Opinion } from "@/lib/generated/prisma/enums";
import {
  assignEvaluatorsAction,
  checkAdmissibilityAction,
  declareConflictAction,
  saveRegionalOpinionAction,
} from "@/lib/regional/actions";
import { OPINION_LABELS } from "@/lib/regional/labels";
import {
  admissibilitySchema,
  assignmentSchema,
  conflictSchema,
  opinionSchema,
} from "@/lib/regional/schema";

/** The declaration of interests that opens (or closes) the dossier to its reader. */
export function ConflictForm({
  applicationId,
  poleName,
}: {
  applicationId: string;
  poleName: string;
}) {
  const { pending, error, fieldError, run, valid } = useAction();
  const [choice, setChoice] = useState<"no" | "yes" | null>(null);
  const [reason, setReason] = useState("");
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const input = { hasConflict: choice === null ? null : choice === "yes", reason };
        if (valid(conflictSchema, input)) run(() => declareConflictAction(applicationId, input));
      }}
    >
      <FormMessages error={error} />
      <RadioButtons
        legend={`Avez-vous un lien avec le pôle « ${poleName} », ses membres ou sa structure porteuse (adhésion, mandat, emploi, lien familial, intérêt financier) ?`}
        name="conflict"
        state={fieldError("hasConflict") ? "error" : "default"}
        stateRelatedMessage={fieldError("hasConflict")}
        options={[
          {
            label: "Non, je n'ai aucun conflit d'intérêts avec ce dossier",
            nativeInputProps: {
              value: "no",
              checked: choice === "no",
              onChange: () => setChoice("no"),
            },
          },
          {
            label: "Oui, j'ai un conflit d'intérêts : je me retire de ce dossier",
            nativeInputProps: {
              value: "yes",
              checked: choice === "yes",
              onChange: () => setChoice("yes"),
            },
          },
        ]}
      />
      {choice === "yes" && (
        <Input
          textArea
          label="Nature du lien"
          hintText="Elle est transmise à la coordination de la cellule régionale."
          state={fieldError("reason") ? "error" : "default"}
          stateRelatedMessage={fieldError("reason")}
          nativeTextAreaProps={{
            value: reason,
            onChange: (e) => setReason(e.target.value),
            rows: 3,
            maxLength: 1000,
          }}
        />
      )}
      <Button type="submit" disabled={pending}>
        Enregistrer ma déclaration
      </Button>
    </form>
  );
}

type Kind = { code: string; label: string };

export function AdmissibilityForm({
  applicationId,
  kinds,
  defaultDueDate,
}: {
  applicationId: string;
  kinds: Kind[];
  defaultDueDate: string;
}) {
  const { pending, error, fieldError, run, valid } = useAction();
  const [decision, setDecision] = useState<"COMPLETE" | "INCOMPLETE" | "INADMISSIBLE" | null>(null);
  const [message, setMessage] = useState("");
  const [codes, setCodes] = useState<string[]>([]);
  const [dueDate, setDueDate] = useState(defaultDueDate);
  const [reason, setReason] = useState("");
  const input =
    decision === "INCOMPLETE"
      ? { decision, message, documentCodes: codes, dueDate }
      : decision === "INADMISSIBLE"
        ? { decision, reason }
        : { decision };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (valid(admissibilitySchema, input))
          run(() => checkAdmissibilityAction(applicationId, input));
      }}
    >
      <FormMessages error={error} />
      <RadioButtons
        legend="Décision de recevabilité"
        name="decision"
        state={fieldError("decision") ? "error" : "default"}
        stateRelatedMessage={fieldError("decision")}
        options={[
          {
            label: "Complet et recevable : le dossier passe à l'évaluation",
            nativeInputProps: {
              value: "COMPLETE",
              checked: decision === "COMPLETE",
              onChange: () => setDecision("COMPLETE"),
            },
          },
          {
            label: "Incomplet : demander des pièces complémentaires",
            nativeInputProps: {
              value: "INCOMPLETE",
              checked: decision === "INCOMPLETE",
              onChange: () => setDecision("INCOMPLETE"),
            },
          },
          {
            label: "Irrecevable (motif communiqué au porteur)",
            nativeInputProps: {
              value: "INADMISSIBLE",
              checked: decision === "INADMISSIBLE",
              onChange: () => setDecision("INADMISSIBLE"),
            },
          },
        ]}
      />
      {decision === "INCOMPLETE" && (
        <>
          <Checkbox
            legend="Pièces à demander"
            state={fieldError("documentCodes") ? "error" : "default"}
            stateRelatedMessage={fieldError("documentCodes")}
            options={kinds.map((k) => ({
              label: k.label,
              nativeInputProps: {
                checked: codes.includes(k.code),
                onChange: (e) =>
                  setCodes(
                    e.target.checked ? [...codes, k.code] : codes.filter((c) => c !== k.code),
                  ),
              },
            }))}
          />
          <Input
            textArea
            label="Message au porteur"
            state={fieldError("message") ? "error" : "default"}
            stateRelatedMessage={fieldError("message")}
            nativeTextAreaProps={{
              value: message,
              onChange: (e) => setMessage(e.target.value),
              rows: 3,
              maxLength: 2000,
            }}
          />
          <Input
            label="Date limite de réponse"
            hintText="Jusqu'à 23 h 59, heure de Paris."
            state={fieldError("dueDate") ? "error" : "default"}
            stateRelatedMessage={fieldError("dueDate")}
            nativeInputProps={{
              type: "date",
              value: dueDate,
              onChange: (e) => setDueDate(e.target.value),
            }}
          />
        </>
      )}
      {decision === "INADMISSIBLE" && (
        <Input
          textArea
          label="Motif d'irrecevabilité"
          hintText="Le porteur le lira dans son espace."
          state={fieldError("reason") ? "error" : "default"}
          stateRelatedMessage={fieldError("reason")}
          nativeTextAreaProps={{
            value: reason,
            onChange: (e) => setReason(e.target.value),
            rows: 3,
            maxLength: 2000,
          }}
        />
      )}
      <Button type="submit" disabled={pending}>
        Enregistrer la décision
      </Button>
    </form>
  );
}

type EvaluatorOption = { id: string; name: string; load: number; conflicted: boolean };

export function AssignmentForm({
  applicationId,
  evaluators,
  assigned,
  suggestion,
  minEvaluators,
  locked,
}: {
  applicationId: string;
  evaluators: EvaluatorOption[];
  assigned: string[];
  suggestion: string[];
  minEvaluators: number;
  locked: string[];
}) {
  const { pending, error, fieldError, done, run, valid } = useAction();
  const [chosen, setChosen] = useState<string[]>(assigned);
  const toggle = (id: string, on: boolean) =>
    setChosen(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const input = { evaluatorIds: chosen };
        if (valid(assignmentSchema, input))
          run(
            () => assignEvaluatorsAction(applicationId, input),
            "Affectation enregistrée ; les évaluateurs ajoutés sont prévenus par e-mail.",
          );
      }}
    >
      <FormMessages error={error} done={done} />
      {evaluators.length === 0 ? (
        <p>
          Aucun évaluateur n&apos;est encore rattaché à la cellule de la région :
          l&apos;administration les invite.
        </p>
      ) : (
        <Checkbox
          legend={`Évaluateurs (au moins ${minEvaluators})`}
          hintText="Entre parenthèses : dossiers déjà confiés dans cet appel."
          state={fieldError("evaluatorIds") ? "error" : "default"}
          stateRelatedMessage={fieldError("evaluatorIds")}
          options={evaluators.map((e) => ({
            label: `${e.name} (${e.load})${e.conflicted ? " — conflit d'intérêts déclaré" : ""}${locked.includes(e.id) ? " — évaluation rendue" : ""}`,
            nativeInputProps: {
              checked: chosen.includes(e.id),
              disabled: e.conflicted || locked.includes(e.id),
              onChange: (ev) => toggle(e.id, ev.target.checked),
            },
          }))}
        />
      )}
      <div className="flex flex-wrap gap-4">
        {suggestion.length > 0 && (
          <Button
            type="button"
            priority="secondary"
            onClick={() => setChosen([...new Set([...assigned, ...suggestion])])}
          >
            Reprendre la suggestion (
            {evaluators
              .filter((e) => suggestion.includes(e.id))
              .map((e) => e.name)
              .join(", ")}
            )
          </Button>
        )}
        <Button type="submit" disabled={pending}>
          Enregistrer l&apos;affectation
        </Button>
      </div>
    </form>
  );
}

type OpinionDefaults = {
  opinion: Opinion | null;
  consolidatedScore: number | null;
  proposedAmountCents: number | null;
  motivation: string;
};

const typed = (value: number | null) =>
  value === null ? "" : String(value / 100).replace(".", ",");

export function OpinionForm({
  applicationId,
  defaults,
  bounds,
}: {
  applicationId: string;
  defaults: OpinionDefaults;
  bounds: { minCents: number; maxCents: number };
}) {
  const { pending, error, fieldError, done, run, valid } = useAction();
  const [opinion, setOpinion] = useState<Opinion | null>(defaults.opinion);
  const [score, setScore] = useState(typed(defaults.consolidatedScore));
  const [amount, setAmount] = useState(typed(defaults.proposedAmountCents));
  const [motivation, setMotivation] = useState(defaults.motivation);
  const [typos, setTypos] = useState<Record<string, string>>({});
  function submit() {
    const s = parseFrenchNumber(score);
    const a = amount.trim() === "" ? null : parseFrenchNumber(amount);
    const problems: Record<string, string> = {};
    if (Number.isNaN(s))
      problems.consolidatedScore = "Saisissez une note sur 100, par exemple 72,5.";
    if (a !== null && Number.isNaN(a))
      problems.proposedAmountCents = "Saisissez un montant en euros, par exemple 45 000.";
    setTypos(problems);
    if (Object.keys(problems).length) return;
    const input = {
      opinion,
      consolidatedScore: Math.round(s * 100),
      proposedAmountCents: a === null ? null : Math.round(a * 100),
      motivation,
    };
    if (valid(opinionSchema(bounds), input))
      run(() => saveRegionalOpinionAction(applicationId, input), "Avis régional enregistré.");
  }
  const err = (name: string) => typos[name] ?? fieldError(name);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <FormMessages error={error} done={done} />
      <RadioButtons
        legend="Avis de la cellule régionale"
        name="opinion"
        orientation="horizontal"
        state={err("opinion") ? "error" : "default"}
        stateRelatedMessage={err("opinion")}
        options={(Object.keys(OPINION_LABELS) as Opinion[]).map((o) => ({
          label: OPINION_LABELS[o],
          nativeInputProps: { value: o, checked: opinion === o, onChange: () => setOpinion(o) },
        }))}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <Input
          label="Note consolidée (sur 100)"
          hintText="Proposée : la moyenne des évaluations."
          state={err("consolidatedScore") ? "error" : "default"}
          stateRelatedMessage={err("consolidatedScore")}
          nativeInputProps={{
            inputMode: "decimal",
            value: score,
            onChange: (e) => setScore(e.target.value),
          }}
        />
        <Input
          label="Montant proposé (€)"
          hintText={`Entre ${formatEuros(bounds.minCents)} et ${formatEuros(bounds.maxCents)} ; sans objet pour un avis défavorable.`}
          state={err("proposedAmountCents") ? "error" : "default"}
          stateRelatedMessage={err("proposedAmountCents")}
          nativeInputProps={{
            inputMode: "decimal",
            value: amount,
            onChange: (e) => setAmount(e.target.value),
          }}
        />
      </div>
      <Input
        textArea
        label="Motivation"
        hintText="Elle accompagne l'avis transmis à la cellule nationale."
        state={err("motivation") ? "error" : "default"}
        stateRelatedMessage={err("motivation")}
        nativeTextAreaProps={{
          value: motivation,
          onChange: (e) => setMotivation(e.target.value),
          rows: 5,
          maxLength: 5000,
        }}
      />
      <Button type="submit" disabled={pending}>
        Enregistrer l&apos;avis
      </Button>
    </form>
  );
}
