import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { CONVENTION_STATUS_LABELS, CONVENTION_STATUS_SEVERITY } from "@/lib/conventions/rules";
import type { ConventionStatus } from "@/lib/generated/prisma/enums";

export function ConventionStatusBadge({ status }: { status: ConventionStatus }) {
  return (
    <Badge as="span" severity={CONVENTION_STATUS_SEVERITY[status]} small>
      {CONVENTION_STATUS_LABELS[status]}
    </Badge>
  );
}
