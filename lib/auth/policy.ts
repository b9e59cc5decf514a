// Who may do what, in one place. Every query and command of lib/ asks `can` (or `assertCan`) before
// acting, with the resource as read from the database, never as sent by the client.
// Fails closed: an inactive user, an unknown action or a missing resource is refused.

import { NATIONAL_STATUSES, WITHDRAWABLE_STATUSES } from "@/lib/applications/status";
import { AppError } from "@/lib/errors";
import type { ApplicationStatus, ConventionStatus, Role } from "@/lib/generated/prisma/enums";

export type RoleGrant = { role: Role; regionCode: string | null };
export type Actor = {
  id: string;
  email: string;
  name: string;
  active: boolean;
  roles: RoleGrant[];
};

/** What the policy needs to know of a dossier; built by lib/applications from the database record. */
export type ApplicationFacts = {
  kind: "application";
  ownerId: string;
  /** co-editors who accepted their invitation */
  collaboratorIds: string[];
  regionCode: string;
  status: ApplicationStatus;
  /** the dossier was submitted once (it stays visible to the cells if withdrawn afterwards) */
  submitted: boolean;
  /** evaluators currently assigned (not withdrawn) */
  assignedEvaluatorIds: string[];
  /** every declarer (CRA and CNA members) who declared no conflict of interest with this dossier */
  noConflictUserIds: string[];
  /** every declarer (CRA and CNA members) who declared a conflict of interest with this dossier */
  conflictedUserIds: string[];
  /** the region's results were finalised and sent to the national cell */
  regionFinalized: boolean;
};
type RegionFacts = { kind: "region"; regionCode: string };
type PoleFacts = { kind: "pole"; ownerId: string };
/** What the policy needs to know of a convention (issue 6), read from the database with its dossier. */
export type ConventionFacts = {
  kind: "convention";
  ownerId: string;
  collaboratorIds: string[];
  regionCode: string;
  status: ConventionStatus;
};
export type Resource = ApplicationFacts | RegionFacts | PoleFacts | ConventionFacts;

export const ACTIONS = [
  // spaces
  "space.applicant",
  "space.cra",
  "space.cna",
  "space.admin",
  // applicants
  "pole.edit",
  "application.create",
  "application.readSummary", // reference, title, pole, status: what a list shows
  "application.read", // the whole content and attachments
  "application.edit",
  "application.submit",
  "application.withdraw",
  "application.message",
  "application.invite", // co-editors
  "application.answerComplement", // send the missing documents asked for
  // regional cells
  "application.declareConflict",
  "application.checkAdmissibility",
  "application.assignEvaluators",
  "application.evaluate",
  "application.readEvaluations", // every evaluator's scores and comments, and the synthesis
  "application.regionalOpinion",
  "region.read",
  "region.finalize",
  // national cell
  "region.reopen",
  "national.declareInterest", // a CNA member's declaration of interests on a dossier, before reading it
  "national.review",
  "national.decide",
  // national consolidation (issue 5): publishing the results of a call; a laureate renouncing the grant
  "national.publish",
  "application.renounce",
  "convention.manage",
  "payment.record",
  "report.review",
  // after the decision (issue 6)
  "convention.read", // the convention, its payments and reports
  "convention.sign", // the applicant uploads the signed copy
  "report.submit", // the pole files its interim and final reports
  "export.run", // CSV / XLSX exports, filtered by what the actor may see
  "statistics.national",
  "decision.readUnpublished", // decisions before their publication (the API, the statistics)
  "apiToken.manage", // personal access tokens of the REST API
  // the delivery log of notifications: the national cell for its calls, the administrators for all
  "notification.log",
  "notification.resend",
  "notification.logAll", // every notification, those of no call (accounts) and secret ones included
  // administration
  "call.manage",
  "user.manage",
  "audit.read",
] as const;
export type Action = (typeof ACTIONS)[number];

const has = (actor: Actor, role: Role) => actor.roles.some((g) => g.role === role);
const hasInRegion = (actor: Actor, roles: Role[], regionCode: string) =>
  actor.roles.some((g) => roles.includes(g.role) && g.regionCode === regionCode);
const CRA_ROLES: Role[] = ["CRA_EVALUATOR", "CRA_COORDINATOR"];

const regionsAs = (actor: Actor, roles: Role[]) => [
  ...new Set(
    actor.roles.filter((g) => roles.includes(g.role) && g.regionCode).map((g) => g.regionCode!),
  ),
];

/** Regions where the actor sits in the regional cell. */
export function craRegions(actor: Actor): string[] {
  return regionsAs(actor, CRA_ROLES);
}

/** Regions where the actor coordinates the regional cell. */
export function coordinatedRegions(actor: Actor): string[] {
  return regionsAs(actor, ["CRA_COORDINATOR"]);
}

/** Regions where the actor evaluates dossiers for the regional cell. */
export function evaluatorRegions(actor: Actor): string[] {
  return regionsAs(actor, ["CRA_EVALUATOR"]);
}

/**
 * Whether the actor sits in the national cell (an inactive account sits nowhere): the scopes of
 * lib/ widen their reads to every submitted dossier, convention and decision for it.
 */
export function isNationalMember(actor: Actor | null | undefined): boolean {
  return !!actor?.active && has(actor, "CNA_MEMBER");
}

function isApplicantSide(actor: Actor, a: ApplicationFacts): boolean {
  return a.ownerId === actor.id || a.collaboratorIds.includes(actor.id);
}

/** A CRA member reads a dossier's content only after declaring no conflict; an evaluator only if assigned. */
function craMayReadContent(actor: Actor, a: ApplicationFacts): boolean {
  if (!a.submitted) return false;
  if (!a.noConflictUserIds.includes(actor.id)) return false;
  if (hasInRegion(actor, ["CRA_COORDINATOR"], a.regionCode)) return true;
  return (
    hasInRegion(actor, ["CRA_EVALUATOR"], a.regionCode) && a.assignedEvaluatorIds.includes(actor.id)
  );
}

/**
 * A CNA member reads, analyses and decides on a dossier only after declaring no conflict of interest with it
 * (as the regional cells do): undeclared or conflicted, the dossier's content, analysis and decision line are
 * refused. The lists (readSummary, the list-level national actions) are not concerned.
 */
function cnaDeclaredNoConflict(actor: Actor, a: ApplicationFacts): boolean {
  return (
    has(actor, "CNA_MEMBER") &&
    a.noConflictUserIds.includes(actor.id) &&
    !a.conflictedUserIds.includes(actor.id)
  );
}

function canOnApplication(actor: Actor, action: Action, a: ApplicationFacts): boolean {
  const submitted = a.submitted;
  const coordinator = hasInRegion(actor, ["CRA_COORDINATOR"], a.regionCode);
  const regionOpen = !a.regionFinalized;
  switch (action) {
    case "application.readSummary":
      return (
        isApplicantSide(actor, a) ||
        (submitted &&
          (has(actor, "CNA_MEMBER") ||
            coordinator ||
            (hasInRegion(actor, ["CRA_EVALUATOR"], a.regionCode) &&
              a.assignedEvaluatorIds.includes(actor.id) &&
              !a.conflictedUserIds.includes(actor.id))))
      );
    case "application.read":
      return (
        isApplicantSide(actor, a) ||
        (submitted && cnaDeclaredNoConflict(actor, a)) ||
        craMayReadContent(actor, a)
      );
    case "application.edit":
      return isApplicantSide(actor, a) && a.status === "DRAFT";
    case "application.submit": // the owner signs the declaration on honour
      return a.ownerId === actor.id && a.status === "DRAFT";
    case "application.answerComplement":
      return isApplicantSide(actor, a) && a.status === "COMPLEMENT_REQUESTED";
    case "application.invite":
      return a.ownerId === actor.id && a.status !== "WITHDRAWN";
    case "application.withdraw":
      return a.ownerId === actor.id && WITHDRAWABLE_STATUSES.includes(a.status);
    case "application.message":
      return (
        submitted &&
        (isApplicantSide(actor, a) ||
          cnaDeclaredNoConflict(actor, a) ||
          craMayReadContent(actor, a))
      );
    case "application.declareConflict": {
      const assigned =
        a.assignedEvaluatorIds.includes(actor.id) &&
        hasInRegion(actor, ["CRA_EVALUATOR"], a.regionCode);
      return (
        submitted &&
        regionOpen &&
        (coordinator || assigned) &&
        !a.noConflictUserIds.includes(actor.id) &&
        !a.conflictedUserIds.includes(actor.id)
      );
    }
    case "application.checkAdmissibility":
    case "application.assignEvaluators":
    case "application.regionalOpinion":
      return submitted && regionOpen && coordinator && craMayReadContent(actor, a);
    case "application.evaluate":
      return (
        a.status === "UNDER_REVIEW" &&
        regionOpen &&
        a.assignedEvaluatorIds.includes(actor.id) &&
        hasInRegion(actor, ["CRA_EVALUATOR"], a.regionCode) &&
        craMayReadContent(actor, a)
      );
    case "application.readEvaluations": // the evaluators' own evaluation is read with application.evaluate / application.read
      return (
        (coordinator && craMayReadContent(actor, a)) ||
        (a.regionFinalized && cnaDeclaredNoConflict(actor, a))
      );
    case "national.declareInterest": // once, on a dossier the national cell works on
      return (
        submitted &&
        has(actor, "CNA_MEMBER") &&
        a.regionFinalized &&
        NATIONAL_STATUSES.includes(a.status) &&
        !a.noConflictUserIds.includes(actor.id) &&
        !a.conflictedUserIds.includes(actor.id)
      );
    case "national.review":
    case "national.decide":
      return (
        submitted &&
        cnaDeclaredNoConflict(actor, a) &&
        a.regionFinalized &&
        NATIONAL_STATUSES.includes(a.status)
      );
    // A laureate's owner renounces the grant (the status LAUREATE exists only once results are published).
    case "application.renounce":
      return a.ownerId === actor.id && a.status === "LAUREATE";
    default:
      return false;
  }
}

function canOnRegion(actor: Actor, action: Action, r: RegionFacts): boolean {
  switch (action) {
    case "region.read":
      return has(actor, "CNA_MEMBER") || hasInRegion(actor, CRA_ROLES, r.regionCode);
    case "region.finalize":
      return hasInRegion(actor, ["CRA_COORDINATOR"], r.regionCode);
    case "region.reopen":
      return has(actor, "CNA_MEMBER");
    default:
      return false;
  }
}

// ── After the decision (issue 6) ──
const SIGNED_OR_LATER: ConventionStatus[] = ["SENT", "SIGNED_BY_POLE", "COUNTERSIGNED"];

function canOnConvention(actor: Actor, action: Action, c: ConventionFacts): boolean {
  const applicantSide = c.ownerId === actor.id || c.collaboratorIds.includes(actor.id);
  switch (action) {
    case "convention.read":
      // the applicants once it was sent to them; the region's coordinators follow their region's poles
      return (
        has(actor, "CNA_MEMBER") ||
        hasInRegion(actor, ["CRA_COORDINATOR"], c.regionCode) ||
        (applicantSide && (SIGNED_OR_LATER.includes(c.status) || c.status === "CANCELLED"))
      );
    case "convention.sign": // the owner signs for the carrying structure, before the deadline (checked by the command)
      return c.ownerId === actor.id && c.status === "SENT";
    case "report.submit":
      return applicantSide && c.status === "COUNTERSIGNED";
    case "convention.manage":
    case "payment.record":
    case "report.review":
      return has(actor, "CNA_MEMBER");
    default:
      return false;
  }
}

function canWithoutResource(actor: Actor, action: Action): boolean {
  switch (action) {
    case "space.applicant":
    case "application.create":
    case "pole.edit": // creating one's own pole
      return has(actor, "APPLICANT");
    case "space.cra":
      return craRegions(actor).length > 0;
    case "space.cna":
    case "national.review":
    case "national.decide":
    case "national.publish":
    case "convention.manage":
    case "payment.record":
    case "report.review":
    case "statistics.national":
    case "decision.readUnpublished":
      return has(actor, "CNA_MEMBER");
    case "export.run": // the national cell, and the regional coordinators for their region
      return has(actor, "CNA_MEMBER") || coordinatedRegions(actor).length > 0;
    case "notification.log":
    case "notification.resend":
      return has(actor, "CNA_MEMBER") || has(actor, "ADMIN");
    case "notification.logAll":
      return has(actor, "ADMIN");
    case "apiToken.manage": // the cells and the administrators; applicants have their space, not an API
      return actor.roles.some((g) => g.role !== "APPLICANT");
    case "space.admin":
    case "call.manage":
    case "user.manage":
    case "audit.read":
      return has(actor, "ADMIN");
    default:
      return false;
  }
}

export function can(actor: Actor | null | undefined, action: Action, resource?: Resource): boolean {
  if (!actor?.active || !(ACTIONS as readonly string[]).includes(action)) return false;
  if (!resource) return canWithoutResource(actor, action);
  if (resource.kind === "application") return canOnApplication(actor, action, resource);
  if (resource.kind === "region") return canOnRegion(actor, action, resource);
  if (resource.kind === "convention") return canOnConvention(actor, action, resource);
  if (resource.kind === "pole")
    return action === "pole.edit" && resource.ownerId === actor.id && has(actor, "APPLICANT");
  return false;
}

/** Throws NOT_FOUND when refused: a forbidden thing looks like a missing one. */
export function assertCan(
  actor: Actor | null | undefined,
  action: Action,
  resource?: Resource,
): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHORIZED");
  if (!can(actor, action, resource)) throw new AppError("NOT_FOUND");
}
