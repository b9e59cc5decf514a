// The spaces of the product, one per role, and where a user lands after signing in.
import { type Actor, can } from "@/lib/auth/policy";

export const SPACES = [
  { action: "space.applicant", href: "/mes-dossiers", label: "Mes dossiers" },
  { action: "space.cra", href: "/cra", label: "Cellule régionale" },
  { action: "space.cna", href: "/cna", label: "Cellule nationale" },
  { action: "space.admin", href: "/admin", label: "Administration" },
] as const;

export function spacesOf(actor: Actor | null): (typeof SPACES)[number][] {
  return actor ? SPACES.filter((s) => can(actor, s.action)) : [];
}

/** The first space of the user (a user with several roles chooses from the navigation). */
export function homeOf(actor: Actor | null): string {
  return spacesOf(actor)[0]?.href ?? "/";
}

export const ROLE_LABELS = {
  APPLICANT: "Porteur de projet",
  CRA_EVALUATOR: "Évaluateur (cellule régionale)",
  CRA_COORDINATOR: "Coordinateur (cellule régionale)",
  CNA_MEMBER: "Membre de la cellule nationale",
  ADMIN: "Administrateur",
} as const;
