// French labels of the budget's categories, sources and statuses.
import type { ExpenseCategory, FundingSource, FundingStatus } from "@/lib/generated/prisma/enums";

export const EXPENSE_LABELS: Record<ExpenseCategory, string> = {
  PERSONNEL: "Personnel (animation, coordination)",
  EXTERNAL_SERVICES: "Prestations externes (études, accompagnement)",
  RUNNING_COSTS: "Frais de fonctionnement",
  EQUIPMENT: "Petit équipement",
  TRAVEL: "Déplacements",
  COMMUNICATION: "Communication",
};

export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = {
  THIS_CALL: "Cet appel (État)",
  REGIONAL_COUNCIL: "Conseil régional",
  DEPARTEMENT: "Département",
  EPCI_OR_COMMUNE: "Intercommunalité (EPCI) ou commune",
  OTHER_PUBLIC: "Autres fonds publics (fonds européens, Banque des Territoires…)",
  PRIVATE: "Financements privés (fondations, entreprises)",
  SELF_FINANCING: "Autofinancement",
  IN_KIND: "Apports en nature",
};

export const FUNDING_STATUS_LABELS: Record<FundingStatus, string> = {
  SECURED: "Acquis",
  REQUESTED: "Sollicité",
};
