// A stored call as the values of its form (dates as Paris days), for editing and duplicating.
import { type CallInput, SELECTION_RULE_FIELDS } from "@/lib/calls/schema";
import type {
  Call,
  CallLever,
  CallPriority,
  Criterion,
  DocumentKind,
  LearningCommunity,
  PaymentTranche,
} from "@/lib/generated/prisma/client";
import { parisDate } from "@/lib/time";

export type CallWithDetails = Call & {
  levers: CallLever[];
  priorities: CallPriority[];
  learningCommunities: LearningCommunity[];
  documentKinds: DocumentKind[];
  criteria: Criterion[];
  tranches: PaymentTranche[];
};

const day = (d: Date | null) => (d ? parisDate(d) : "");

export function callFormValues(c: CallWithDetails): CallInput {
  return {
    slug: c.slug,
    title: c.title,
    year: c.year,
    summary: c.summary,
    opensAt: day(c.opensAt),
    deadlineAt: day(c.deadlineAt),
    regionalDeadlineAt: day(c.regionalDeadlineAt),
    nationalDeadlineAt: day(c.nationalDeadlineAt),
    resultsAt: day(c.resultsAt),
    envelopeCents: c.envelopeCents,
    minGrantCents: c.minGrantCents,
    maxGrantCents: c.maxGrantCents,
    durationMonths: c.durationMonths,
    minEvaluators: c.minEvaluators,
    selectionMethod: c.selectionMethod,
    qualityThreshold: c.qualityThreshold,
    reserveListLength: c.reserveListLength,
    adjustLastGrant: c.adjustLastGrant,
    grantorName: c.grantorName,
    grantorSiret: c.grantorSiret,
    levers: c.levers.map(({ code, title, description }) => ({ code, title, description })),
    priorities: c.priorities.map(({ label, territoryTypes, minShareBps }) => ({
      label,
      territoryTypes,
      minShareBps,
    })),
    learningCommunities: c.learningCommunities.map(({ code, name, description }) => ({
      code,
      name,
      description,
    })),
    documentKinds: c.documentKinds.map(({ code, label, description, required }) => ({
      code,
      label,
      description,
      required,
    })),
    criteria: c.criteria.map(({ code, label, description, weightBps, maxScore, levels }) => ({
      code,
      label,
      description,
      weightBps,
      maxScore,
      levels,
    })),
    tranches: c.tranches.map(({ label, shareBps, condition }) => ({ label, shareBps, condition })),
  };
}

const nextYear = (d: string) =>
  d ? `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`.replace(/-02-29$/, "-02-28") : "";

/** The next edition of a call: same terms, dates a year later, a new identifier. */
export function duplicateValues(values: CallInput, slug: string): CallInput {
  const shift = (d: CallInput["opensAt"] | CallInput["resultsAt"]) =>
    nextYear(typeof d === "string" ? d : d ? parisDate(d) : "");
  return {
    ...values,
    slug,
    title: `${values.title} (copie)`,
    year: values.year + 1,
    opensAt: shift(values.opensAt),
    deadlineAt: shift(values.deadlineAt),
    regionalDeadlineAt: shift(values.regionalDeadlineAt),
    nationalDeadlineAt: shift(values.nationalDeadlineAt),
    resultsAt: shift(values.resultsAt),
  };
}

/** Whether two grids score the same way (what must not change once scoring has started). */
export function sameGrid(a: CallInput["criteria"], b: CallInput["criteria"]): boolean {
  const key = (g: CallInput["criteria"]) =>
    JSON.stringify(g.map((k) => [k.code, k.label, k.weightBps, k.maxScore ?? 5, k.levels]).sort());
  return key(a) === key(b);
}

/** The selection rules that differ between two versions of a call (what must not change once decisions are finalised). */
export function changedSelectionRules(before: CallInput, after: CallInput): string[] {
  const changed: string[] = SELECTION_RULE_FIELDS.filter((f) => before[f] !== after[f]);
  const key = (p: CallInput["priorities"]) =>
    JSON.stringify(p.map((x) => [x.label, [...x.territoryTypes].sort(), x.minShareBps]).sort());
  if (key(before.priorities) !== key(after.priorities)) changed.push("priorities");
  return changed;
}
