// A stored dossier as the values of its form.

import type { ApplicationView } from "@/lib/applications/data";
import type { ApplicationDraftInput } from "@/lib/applications/schema";

export function draftOf(a: ApplicationView): ApplicationDraftInput {
  return {
    title: a.title,
    presentation: a.presentation,
    governance: a.governance,
    cooperation: a.cooperation,
    leverAnswers: a.call.levers.map((l) => ({
      leverId: l.id,
      text: a.leverAnswers.find((x) => x.leverId === l.id)?.text ?? "",
    })),
    economicImpact: a.economicImpact,
    socialImpact: a.socialImpact,
    ecologicalImpact: a.ecologicalImpact,
    indicators: a.indicators.map(({ label, unit, baseline, targetYear1, targetYear2 }) => ({
      label,
      unit,
      baseline,
      targetYear1,
      targetYear2,
    })),
    expenses: a.expenses.map(({ category, label, year, amountCents }) => ({
      category,
      label,
      year: year === 2 ? 2 : 1,
      amountCents,
    })),
    fundings: a.fundings.map(({ source, funderName, year, amountCents, status }) => ({
      source,
      funderName,
      year: year === 2 ? 2 : 1,
      amountCents,
      status,
    })),
    learningCommunityId: a.learningCommunityId,
  };
}
