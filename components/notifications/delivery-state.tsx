import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { formatDateTime, plural } from "@/lib/format";
import type { DeliveryRow } from "@/lib/notifications/log";

type Row = Pick<DeliveryRow, "emailStatus" | "attempts" | "lastError" | "lastAttemptAt" | "sentAt" | "retrying">;

const attemptsText = (n: number) => plural(n, "tentative");

/** What became of a notification's e-mail: a DSFR badge, and the server's answer when it failed. */
export function DeliveryState({ row }: { row: Row }) {
  switch (row.emailStatus) {
    case "SENT":
      return (
        <>
          <Badge severity="success" small>
            Envoyé le {formatDateTime(row.sentAt ?? row.lastAttemptAt ?? new Date(0))}
          </Badge>
          {row.attempts > 1 && <p className="fr-text--xs fr-mb-0">après {attemptsText(row.attempts)}</p>}
        </>
      );
    case "SKIPPED":
      return (
        <Badge small noIcon>
          Non envoyé par e-mail (désactivé par la personne)
        </Badge>
      );
    case "FAILED":
    case "PENDING":
      if (row.emailStatus === "PENDING" && !row.retrying) {
        return (
          <Badge severity="info" small>
            En attente
          </Badge>
        );
      }
      return (
        <>
          <Badge severity={row.emailStatus === "FAILED" ? "error" : "warning"} small>
            {row.emailStatus === "FAILED" ? "En échec" : "Nouvel essai prévu"}
          </Badge>
          <p className="fr-text--xs fr-mb-0">
            {attemptsText(row.attempts)}
            {row.lastAttemptAt && <>, la dernière le {formatDateTime(row.lastAttemptAt)}</>}
          </p>
          {row.lastError && (
            <p className="fr-text--xs fr-mb-0 break-words">
              Réponse du serveur : <code>{row.lastError}</code>
            </p>
          )}
        </>
      );
  }
}
