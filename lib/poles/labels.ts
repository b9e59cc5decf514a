// French labels of the pole's enums, as applicants and instructors read them.
import type { LegalForm, MemberCategory, TerritoryType } from "@/lib/generated/prisma/enums";

export const LEGAL_FORM_LABELS: Record<LegalForm, string> = {
  ASSOCIATION: "Association",
  SCIC: "Société coopérative d'intérêt collectif (SCIC)",
  SCOP: "Société coopérative et participative (SCOP)",
  OTHER_COOPERATIVE: "Autre coopérative",
  FOUNDATION: "Fondation",
  GIE: "Groupement d'intérêt économique (GIE)",
  COMMERCIAL_ESS_COMPANY: "Société commerciale de l'ESS",
  OTHER_PRIVATE: "Autre personne morale de droit privé",
};

export const MEMBER_CATEGORY_LABELS: Record<MemberCategory, string> = {
  ESS_ENTERPRISE: "Entreprise de l'économie sociale et solidaire (ESS)",
  OTHER_ENTERPRISE: "Entreprise hors ESS",
  LOCAL_AUTHORITY: "Collectivité territoriale ou groupement de collectivités",
  RESEARCH_TRAINING: "Organisme de recherche, d'enseignement supérieur ou de formation",
  CITIZEN_GROUP: "Groupement de citoyens",
  OTHER: "Autre membre",
};

export const TERRITORY_LABELS: Record<TerritoryType, string> = {
  RURAL: "Territoire rural",
  QPV: "Quartier prioritaire de la politique de la ville (QPV)",
  URBAN: "Territoire urbain hors QPV",
};

/** The same in one word, for the columns of tables and lists (national view, results, minutes). */
export const TERRITORY_SHORT_LABELS: Record<TerritoryType, string> = {
  RURAL: "Rural",
  QPV: "QPV",
  URBAN: "Urbain",
};
