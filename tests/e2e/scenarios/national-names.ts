// Names of the national scenario's data, importable by the spec (no server module behind them).
export const NATIONAL_SCENARIO = {
  slug: "ami-ptce-national-e2e",
  title: "Appel de test : analyse nationale",
  applicant: "candidat.national1@demo-ptce.fr",
} as const;
