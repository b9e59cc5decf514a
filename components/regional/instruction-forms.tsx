"use client";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { errorAt, parseFrenchNumber } from "@/components/admin/form-fields";
import { FormMessages, useAction } from "@/components/regional/action-form";
import { ConflictQuestion } from "@/components/regional/conflict-question";
import { TextAreaField } from "@/components/ui/text-area-field";
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

type ConflictValues = { hasConflict: boolean | null; reason: string };

/** The declaration of interests that opens (or closes) the dossier to its reader. */
export function ConflictForm({
  applicationId,
  poleName,
}: {
  applicationId: string;
  poleName: string;
}) {
  // Nothing is chosen at first: the schema then asks for a choice.
  const form = useForm<ConflictValues>({
    resolver: zodResolver(conflictSchema, undefined, { raw: true }) as Resolver<ConflictValues>,
    reValidateMode: "onSubmit",
    defaultValues: { hasConflict: null, reason: "" },
  });
  const { pending, error, run, invalid } = useAction(form.setError);
  const fieldError = (path: string) => errorAt(form.formState.errors, path);
  const { hasConflict, reason } = form.watch();
  const choice = hasConflict === null ? null : hasConflict ? "yes" : "no";
  return (
    <form
      onSubmit={form.handleSubmit(
        (input) => run(() => declareConflictAction(applicationId, input)),
        invalid,
      )}
    >
      <FormMessages error={error} />
      <ConflictQuestion
        poleName={poleName}
        name="conflict"
        labels={{
          no: "Non, je n'ai aucun conflit d'intérêts avec ce dossier",
          yes: "Oui, j'ai un conflit d'intérêts : je me retire de ce dossier",
        }}
        choice={choice}
        onChoose={(value) => form.setValue("hasConflict", value)}
        error={fieldError("hasConflict")}
      />
      {choice === "yes" && (
        <TextAreaField
          label="Nature du lien"
          hint="Elle est transmise à la coordination de la cellule régionale."
          error={fieldError("reason")}
          value={reason}
          onChange={(value) => form.setValue("reason", value)}
          rows={3}
          maxLength={1000}
        />
      )}
      <Button type="submit" disabled={pending}>
        Enregistrer ma déclaration
      </Button>
    </form>
  );
}

type Kind = { code: string; label: string };
type AdmissibilityValues = {
  decision: "COMPLETE" | "INCOMPLETE" | "INADMISSIBLE" | null;
  message: string;
  documentCodes: string[];
  dueDate: string;
  reason: string;
};

/** What is sent: the decision with its own fields. */
function admissibilityInput({
  decision,
  message,
  documentCodes,
  dueDate,
  reason,
}: AdmissibilityValues) {
  return decision === "INCOMPLETE"
    ? { decision, message, documentCodes, dueDate }
    : decision === "INADMISSIBLE"
      ? { decision, reason }
      : { decision };
}

export function AdmissibilityForm({
  applicationId,
  kinds,
  defaultDueDate,
}: {
  applicationId: string;
  kinds: Kind[];
  defaultDueDate: string;
}) {
  const form = useForm<AdmissibilityValues>({
    // The schema reads the fields of the chosen decision only (and only they are sent).
    resolver: zodResolver(admissibilitySchema, undefined, {
      raw: true,
    }) as unknown as Resolver<AdmissibilityValues>,
    reValidateMode: "onSubmit",
    defaultValues: {
      decision: null,
      message: "",
      documentCodes: [],
      dueDate: defaultDueDate,
      reason: "",
    },
  });
  const { pending, error, run, invalid } = useAction(form.setError);
  const fieldError = (path: string) => errorAt(form.formState.errors, path);
  const { decision, message, documentCodes: codes, dueDate, reason } = form.watch();
  return (
    <form
      onSubmit={form.handleSubmit(
        (values) => run(() => checkAdmissibilityAction(applicationId, admissibilityInput(values))),
        invalid,
      )}
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
              onChange: () => form.setValue("decision", "COMPLETE"),
            },
          },
          {
            label: "Incomplet : demander des pièces complémentaires",
            nativeInputProps: {
              value: "INCOMPLETE",
              checked: decision === "INCOMPLETE",
              onChange: () => form.setValue("decision", "INCOMPLETE"),
            },
          },
          {
            label: "Irrecevable (motif communiqué au porteur)",
            nativeInputProps: {
              value: "INADMISSIBLE",
              checked: decision === "INADMISSIBLE",
              onChange: () => form.setValue("decision", "INADMISSIBLE"),
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
                  form.setValue(
                    "documentCodes",
                    e.target.checked ? [...codes, k.code] : codes.filter((c) => c !== k.code),
                  ),
              },
            }))}
          />
          <TextAreaField
            label="Message au porteur"
            error={fieldError("message")}
            value={message}
            onChange={(value) => form.setValue("message", value)}
            rows={3}
            maxLength={2000}
          />
          <Input
            label="Date limite de réponse"
            hintText="Jusqu'à 23 h 59, heure de Paris."
            state={fieldError("dueDate") ? "error" : "default"}
            stateRelatedMessage={fieldError("dueDate")}
            nativeInputProps={{
              type: "date",
              value: dueDate,
              onChange: (e) => form.setValue("dueDate", e.target.value),
            }}
          />
        </>
      )}
      {decision === "INADMISSIBLE" && (
        <TextAreaField
          label="Motif d'irrecevabilité"
          hint="Le porteur le lira dans son espace."
          error={fieldError("reason")}
          value={reason}
          onChange={(value) => form.setValue("reason", value)}
          rows={3}
          maxLength={2000}
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
  const form = useForm<{ evaluatorIds: string[] }>({
    resolver: zodResolver(assignmentSchema, undefined, { raw: true }),
    reValidateMode: "onSubmit",
    defaultValues: { evaluatorIds: assigned },
  });
  const { pending, error, done, run, invalid } = useAction(form.setError);
  const fieldError = (path: string) => errorAt(form.formState.errors, path);
  const chosen = form.watch("evaluatorIds");
  const setChosen = (ids: string[]) => form.setValue("evaluatorIds", ids);
  const toggle = (id: string, on: boolean) =>
    setChosen(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  return (
    <form
      onSubmit={form.handleSubmit(
        (input) =>
          run(
            () => assignEvaluatorsAction(applicationId, input),
            "Affectation enregistrée ; les évaluateurs ajoutés sont prévenus par e-mail.",
          ),
        invalid,
      )}
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
  const form = useForm<OpinionDefaults>({
    resolver: zodResolver(opinionSchema(bounds), undefined, {
      raw: true,
    }) as unknown as Resolver<OpinionDefaults>,
    reValidateMode: "onSubmit",
    defaultValues: defaults,
  });
  const { pending, error, done, run, invalid } = useAction(form.setError);
  const fieldError = (path: string) => errorAt(form.formState.errors, path);
  const { opinion, motivation } = form.watch();
  // The numbers are typed as text, parsed at the submission.
  const [score, setScore] = useState(typed(defaults.consolidatedScore));
  const [amount, setAmount] = useState(typed(defaults.proposedAmountCents));
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
    form.setValue("consolidatedScore", Math.round(s * 100));
    form.setValue("proposedAmountCents", a === null ? null : Math.round(a * 100));
    void form.handleSubmit(
      (input) =>
        run(() => saveRegionalOpinionAction(applicationId, input), "Avis régional enregistré."),
      invalid,
    )();
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
          nativeInputProps: {
            value: o,
            checked: opinion === o,
            onChange: () => form.setValue("opinion", o),
          },
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
      <TextAreaField
        label="Motivation"
        hint="Elle accompagne l'avis transmis à la cellule nationale."
        error={err("motivation")}
        value={motivation}
        onChange={(value) => form.setValue("motivation", value)}
        rows={5}
        maxLength={5000}
      />
      <Button type="submit" disabled={pending}>
        Enregistrer l&apos;avis
      </Button>
    </form>
  );
}
