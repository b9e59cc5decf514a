import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { formatDateTime, plural } from "@/lib/format";
import type { DeliveryRow } from "@/lib/notifications/log";

type Row = Pick<
  DeliveryRow,
  | "emailStatus"
  | "attempts"
  | "lastError"
  | "smtpResponse"
  | "lastAttemptAt"
  | "sentAt"
  | "retrying"
>;

const attemptsText = (n: number) => plural(n, "tentative");

/**
 * Whether a recorded error is the mail server's own answer: it starts with an SMTP reply code (« 550 … ») or an
 * enhanced status code (« 5.1.1 … »), possibly after the mailer's error name (« EENVELOPE 550 … »). Anything
 * else (a refused connection, a timeout, a document gone) is an error on our side of the wire.
 */
function isServerAnswer(message: string): boolean {
  return /^(?:E[A-Z]+\s+)?(?:[2-5]\d\d(?:[\s-]|$)|[245]\.\d{1,3}\.\d{1,3}\b)/.test(message.trim());
}

/** The last error of an attempt, named for what it is. */
export function DeliveryErrorText({ message }: { message: string }) {
  return (
    <p className="fr-text--xs fr-mb-0 break-words">
      {isServerAnswer(message) ? "Réponse du serveur : " : "Erreur : "}
      <code>{message}</code>
    </p>
  );
}

/**
 * What became of a notification's e-mail: a DSFR badge, and the server's answer. « Envoyé » means handed to the
 * mail server (its answer is the proof), not read by the person.
 */
export function DeliveryState({ row }: { row: Row }) {
  switch (row.emailStatus) {
    case "SENT":
      return (
        <>
          <Badge severity="success" small>
            Envoyé le {formatDateTime(row.sentAt ?? row.lastAttemptAt ?? new Date(0))}
          </Badge>
          {row.attempts > 1 && (
            <p className="fr-text--xs fr-mb-0">après {attemptsText(row.attempts)}</p>
          )}
          {row.smtpResponse && (
            <p className="fr-text--xs fr-mb-0 break-words">
              Réponse du serveur : <code>{row.smtpResponse}</code>
            </p>
          )}
        </>
      );
    case "SKIPPED":
      return (
        <Badge small noIcon>
          Non envoyé par e-mail (désactivé par la personne)
        </Badge>
      );
    case "LOGGED":
      return (
        <>
          <Badge severity="warning" small>
            Écrit dans le journal (aucun serveur SMTP configuré)
          </Badge>
          <p className="fr-text--xs fr-mb-0">
            Non envoyé : le message n&apos;a été écrit que dans le journal du service d&apos;envoi.
          </p>
        </>
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
          {row.lastError && <DeliveryErrorText message={row.lastError} />}
        </>
      );
  }
}
