import { STATUS_LABELS, STATUS_SEVERITY } from "@/lib/applications/status";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";

/** The DSFR badge of a dossier's status, as plain markup: lists show hundreds of them. */
export function StatusBadge({ status }: { status: ApplicationStatus }) {
  return <p className={`fr-badge fr-badge--sm fr-badge--${STATUS_SEVERITY[status]}`}>{STATUS_LABELS[status]}</p>;
}
