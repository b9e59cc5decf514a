import type { Role } from "@/lib/generated/prisma/enums";

// What the product tells people. Mandatory kinds carry a decision, a due date the person must meet or a legal step: they are
// always sent by e-mail. The others can be turned off by e-mail in « Mon compte » (they stay in the
// notification list). Account kinds are e-mail only (one-time links: their text is not kept once sent).
// An optional kind names its audience: the roles whose people receive it (their preferences offer it).
export type NotificationKindSpec = {
  label: string;
  mandatory: boolean;
  inApp: boolean;
  secret?: boolean;
  audience?: readonly Role[];
};

export const NOTIFICATION_KINDS = {
  "account.invitation": {
    label: "Activation d'un compte créé pour vous",
    mandatory: true,
    inApp: false,
    secret: true,
  },
  "account.verification": {
    label: "Confirmation de l'adresse e-mail",
    mandatory: true,
    inApp: false,
    secret: true,
  },
  "account.already-registered": {
    label: "Tentative d'inscription avec votre adresse",
    mandatory: true,
    inApp: false,
  },
  "account.password-reset": {
    label: "Réinitialisation du mot de passe",
    mandatory: true,
    inApp: false,
    secret: true,
  },
  "dossier.receipt": { label: "Accusé de réception d'un dépôt", mandatory: true, inApp: true },
  "dossier.co-editor-invitation": {
    label: "Invitation à compléter un dossier",
    mandatory: true,
    inApp: true,
  },
  "dossier.message": {
    label: "Nouveau message sur un dossier",
    mandatory: false,
    inApp: true,
    audience: ["APPLICANT", "CRA_COORDINATOR"],
  },
  "dossier.complement-requested": {
    label: "Demande de pièces complémentaires",
    mandatory: true,
    inApp: true,
  },
  "dossier.complement-answered": {
    label: "Pièces complémentaires reçues",
    mandatory: false,
    inApp: true,
    audience: ["CRA_COORDINATOR"],
  },
  "dossier.complement-expired": {
    label: "Demande de pièces complémentaires échue",
    mandatory: true,
    inApp: true,
  },
  "dossier.inadmissible": { label: "Dossier déclaré irrecevable", mandatory: true, inApp: true },
  "deadline.deposit": {
    label: "Rappel avant la date limite de dépôt",
    mandatory: false,
    inApp: true,
    audience: ["APPLICANT"],
  },
  "evaluation.assigned": {
    label: "Dossiers confiés pour évaluation",
    mandatory: false,
    inApp: true,
    audience: ["CRA_EVALUATOR"],
  },
  "evaluation.conflict-declared": {
    label: "Conflit d'intérêts déclaré par un évaluateur",
    mandatory: false,
    inApp: true,
    audience: ["CRA_COORDINATOR"],
  },
  "deadline.evaluation": {
    label: "Rappel avant la date limite des évaluations",
    mandatory: false,
    inApp: true,
    audience: ["CRA_EVALUATOR"],
  },
  "deadline.regional": {
    label: "Rappel avant la date limite des résultats régionaux",
    mandatory: false,
    inApp: true,
    audience: ["CRA_COORDINATOR"],
  },
  "region.finalized": {
    label: "Résultats d'une région transmis",
    mandatory: false,
    inApp: true,
    audience: ["CNA_MEMBER"],
  },
  "region.reopened": {
    label: "Résultats régionaux rouverts",
    mandatory: false,
    inApp: true,
    audience: ["CRA_COORDINATOR"],
  },
  "decision.published": { label: "Décision sur un dossier", mandatory: true, inApp: true },
  "decision.promotion": {
    label: "Dossier promu lauréat depuis la liste complémentaire",
    mandatory: true,
    inApp: true,
  },
  "convention.sent": { label: "Convention à signer", mandatory: true, inApp: true },
  "convention.signature-reminder": {
    label: "Rappel avant la date limite de signature",
    mandatory: true,
    inApp: true,
  },
  "convention.signed": {
    label: "Convention signée par un porteur",
    mandatory: false,
    inApp: true,
    audience: ["CNA_MEMBER"],
  },
  "convention.countersigned": { label: "Convention contresignée", mandatory: true, inApp: true },
  "payment.recorded": { label: "Versement ordonné", mandatory: true, inApp: true },
  "report.reminder": { label: "Rappel d'un bilan à déposer", mandatory: true, inApp: true },
  "report.submitted": {
    label: "Bilan déposé par un porteur",
    mandatory: false,
    inApp: true,
    audience: ["CNA_MEMBER"],
  },
  "report.reviewed": { label: "Bilan examiné", mandatory: true, inApp: true },
} as const satisfies Record<string, NotificationKindSpec>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const kindSpec = (kind: string): NotificationKindSpec | undefined =>
  (NOTIFICATION_KINDS as Record<string, NotificationKindSpec>)[kind];

/** The kinds shown in a person's notification list. */
export const IN_APP_KINDS = (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).filter(
  (k) => NOTIFICATION_KINDS[k].inApp,
);

/** The kinds a person may choose not to receive by e-mail. */
export const OPTIONAL_KINDS = (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).filter(
  (k) => !NOTIFICATION_KINDS[k].mandatory,
);

/** The optional kinds the people of these roles receive. */
export const optionalKindsOf = (roles: readonly Role[]): NotificationKind[] =>
  OPTIONAL_KINDS.filter(
    (k) =>
      roles.includes("ADMIN") ||
      ((NOTIFICATION_KINDS[k] as NotificationKindSpec).audience ?? []).some((r) =>
        roles.includes(r),
      ),
  );
