import { STATUS_LABELS, STATUS_SEVERITY } from "@/lib/applications/status";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";

/** The DSFR badge of a dossier's status, as plain markup: lists show hundreds of them. */
export function StatusBadge({ status }: { status: ApplicationStatus }) {
  // A span, so that it may stand inside a paragraph (a heading line, a table cell).
  return (
    <span className={`fr-badge fr-badge--sm fr-badge--${STATUS_SEVERITY[status]}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}
