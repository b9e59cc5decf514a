import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { STATUS_LABELS, STATUS_SEVERITY } from "@/lib/applications/status";
import type { ApplicationStatus } from "@/lib/generated/prisma/enums";

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  return (
    <Badge severity={STATUS_SEVERITY[status]} small>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
