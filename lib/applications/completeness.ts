// What a dossier still lacks before it can be submitted, step by step, in words the applicant reads.
import { budgetTotals } from "@/lib/applications/budget";
import type { ApplicationDraft } from "@/lib/applications/schema";
import type { Problem } from "@/lib/applications/steps";
import { formatEuros } from "@/lib/format";

export type CompletenessInput = {
  draft: ApplicationDraft;
  levers: { id: string; title: string }[];
  documentKinds: { id: string; label: string; required: boolean }[];
  attachmentKindIds: (string | null)[];
  grant: { minCents: number; maxCents: number };
  /** reasons the pole is not eligible or not complete, from lib/poles */
  poleProblems: string[];
};

const blank = (s: string) => s.trim().length === 0;

export function dossierProblems(d: CompletenessInput): Problem[] {
  const p: Problem[] = [];
  const { draft } = d;
  for (const reason of d.poleProblems) p.push({ step: "pole", message: reason });
  if (blank(draft.title))
    p.push({ step: "presentation", message: "Donnez un intitulé au projet." });
  if (blank(draft.presentation))
    p.push({ step: "presentation", message: "Présentez le projet du pôle." });
  if (blank(draft.governance))
    p.push({ step: "gouvernance", message: "Décrivez la gouvernance du pôle." });
  if (blank(draft.cooperation))
    p.push({ step: "gouvernance", message: "Décrivez la coopération entre les membres." });
  for (const lever of d.levers) {
    const answer = draft.leverAnswers.find((a) => a.leverId === lever.id);
    if (!answer || blank(answer.text))
      p.push({ step: "leviers", message: `Répondez au levier « ${lever.title} ».` });
  }
  if (blank(draft.economicImpact))
    p.push({ step: "impacts", message: "Décrivez les impacts économiques attendus." });
  if (blank(draft.socialImpact))
    p.push({ step: "impacts", message: "Décrivez les impacts sociaux attendus." });
  if (blank(draft.ecologicalImpact))
    p.push({ step: "impacts", message: "Décrivez les impacts écologiques attendus." });
  if (
    !draft.indicators.some(
      (i) => !blank(i.label) && (!blank(i.targetYear1) || !blank(i.targetYear2)),
    )
  ) {
    p.push({ step: "impacts", message: "Proposez au moins un indicateur avec une cible." });
  }
  draft.indicators.forEach((i, n) => {
    if (blank(i.label))
      p.push({ step: "impacts", message: `Nommez l'indicateur n° ${n + 1} ou retirez-le.` });
  });

  const totals = budgetTotals(draft);
  if (!draft.expenses.length)
    p.push({ step: "budget", message: "Détaillez les dépenses du projet." });
  draft.expenses.forEach((e, n) => {
    if (blank(e.label) || e.amountCents <= 0)
      p.push({
        step: "budget",
        message: `Complétez la dépense n° ${n + 1} (intitulé et montant) ou retirez-la.`,
      });
  });
  draft.fundings.forEach((f, n) => {
    if (f.amountCents <= 0)
      p.push({
        step: "budget",
        message: `Indiquez le montant du financement n° ${n + 1} ou retirez-le.`,
      });
  });
  if (totals.requested === 0)
    p.push({
      step: "budget",
      message: "Indiquez le financement demandé à cet appel dans le plan de financement.",
    });
  else if (totals.requested < d.grant.minCents || totals.requested > d.grant.maxCents) {
    p.push({
      step: "budget",
      message: `Le montant demandé (${formatEuros(totals.requested)}) doit être compris entre ${formatEuros(d.grant.minCents)} et ${formatEuros(d.grant.maxCents)}.`,
    });
  }
  if (totals.expenses.total > 0 && totals.gap !== 0) {
    p.push({
      step: "budget",
      message: `Le budget n'est pas équilibré : dépenses ${formatEuros(totals.expenses.total)}, financements ${formatEuros(totals.fundings.total)} (écart de ${formatEuros(Math.abs(totals.gap))}).`,
    });
  }
  for (const kind of d.documentKinds.filter((k) => k.required)) {
    if (!d.attachmentKindIds.includes(kind.id))
      p.push({ step: "pieces", message: `Joignez la pièce « ${kind.label} ».` });
  }
  return p;
}
