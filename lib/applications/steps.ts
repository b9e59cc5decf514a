// The steps of the dossier form, in order; each problem found at submission points to its step.
export const STEPS = [
  { key: "presentation", title: "Présentation" },
  { key: "gouvernance", title: "Gouvernance et coopération" },
  { key: "leviers", title: "Les leviers" },
  { key: "impacts", title: "Impacts et indicateurs" },
  { key: "budget", title: "Budget sur deux ans" },
  { key: "communaute", title: "Communauté apprenante" },
  { key: "pieces", title: "Pièces jointes" },
  { key: "depot", title: "Récapitulatif et dépôt" },
] as const;

export type StepKey = (typeof STEPS)[number]["key"];
export type Problem = { step: StepKey | "pole"; message: string };
