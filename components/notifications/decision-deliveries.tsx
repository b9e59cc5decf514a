import Link from "next/link";
import { DeliveryState } from "@/components/notifications/delivery-state";
import { Email } from "@/components/notifications/delivery-table";
import {
  ResendAnnouncements,
  ResendCell,
  ResendFailedButton,
} from "@/components/notifications/resend-button";
import { Table } from "@/components/ui/table";
import { plural } from "@/lib/format";
import type { DecisionDeliverySummary } from "@/lib/notifications/data";
import { DECISION_TYPE } from "@/lib/notifications/log";

/**
 * After publication, on the decision page: how many decisions were handed to the mail server for every recipient,
 * and those that were not (failed, or only written to the log when no SMTP server is configured).
 */
export function DecisionDeliveries({
  callId,
  summary,
}: {
  callId: string;
  summary: DecisionDeliverySummary;
}) {
  const { dossiers, recipients, failures, letterFailures } = summary;
  const log = (params: Record<string, string>) =>
    `/cna/envois?${new URLSearchParams({ appel: summary.callSlug, type: DECISION_TYPE, ...params }).toString()}`;
  const counts = {
    failed: failures.filter((f) => f.emailStatus === "FAILED").length,
    logged: failures.filter((f) => f.emailStatus === "LOGGED").length,
  };
  return (
    <section aria-labelledby="envoi-decisions" className="fr-mb-4w">
      <h2 id="envoi-decisions">Envoi des décisions</h2>
      <ul>
        <li>
          Décisions notifiées :{" "}
          <strong>
            {dossiers.sent} / {dossiers.total}
          </strong>{" "}
          (dossiers dont l&apos;e-mail de chaque destinataire a été remis au serveur de messagerie)
        </li>
        <li>
          En attente : {dossiers.pending}
          {dossiers.pending > 0 && " (lettre en préparation ou e-mail dans la file d'envoi)"}
        </li>
        <li>
          En échec : <strong>{dossiers.failed}</strong>
          {letterFailures > 0 && (
            <>
              {" "}
              (dont{" "}
              {plural(
                letterFailures,
                "dossier dont la lettre de décision n'a pas pu être préparée",
                "dossiers dont la lettre de décision n'a pas pu être préparée",
              )}{" "}
              :{" "}
              <Link
                href={`/cna/envois?${new URLSearchParams({ appel: summary.callSlug }).toString()}#documents-en-echec`}
              >
                voir les documents en échec
              </Link>
              )
            </>
          )}
        </li>
        {dossiers.logged > 0 && (
          <li>
            Écrits dans le journal, non envoyés : <strong>{dossiers.logged}</strong> (aucun serveur
            SMTP configuré : ces décisions ne sont pas notifiées)
          </li>
        )}
      </ul>
      <p className="fr-text--sm">
        Destinataires (porteurs et co-rédacteurs) :{" "}
        {plural(recipients.sent, "e-mail remis", "e-mails remis")} au serveur de messagerie sur{" "}
        {recipients.total}, {recipients.pending} en attente, {recipients.failed} en échec
        {recipients.logged > 0 && <>, écrits dans le journal, non envoyés : {recipients.logged}</>}.{" "}
        <Link href={log({})}>Voir tous les envois des décisions</Link>
      </p>
      {failures.length > 0 && (
        <ResendAnnouncements>
          <Table
            size="sm"
            caption={`Envois de décisions en échec ou en nouvel essai (${failures.length})`}
            head={
              <tr>
                <th scope="col">Dossier</th>
                <th scope="col">Destinataire</th>
                <th scope="col">État</th>
                <th scope="col">Action</th>
              </tr>
            }
          >
            {failures.map((f) => (
              <tr key={f.id}>
                <th scope="row">
                  {f.applicationId ? (
                    <Link href={`/cna/dossiers/${f.applicationId}`}>{f.reference}</Link>
                  ) : (
                    f.reference
                  )}
                </th>
                <td className="fr-cell--multiline">
                  <Email address={f.email} />
                </td>
                <td className="fr-cell--multiline fr-col--md">
                  <DeliveryState
                    row={{
                      emailStatus: f.emailStatus,
                      retrying: f.retrying,
                      attempts: f.attempts,
                      lastError: f.lastError,
                      smtpResponse: null,
                      lastAttemptAt: f.lastAttemptAt,
                      sentAt: null,
                    }}
                  />
                </td>
                <td>
                  <ResendCell id={f.id} email={f.email} canResend retrying={f.retrying} />
                </td>
              </tr>
            ))}
          </Table>
          <p>
            <Link href={log({ etat: "FAILED" })}>
              Voir les envois en échec dans le journal des envois
            </Link>
          </p>
          <ResendFailedButton callId={callId} counts={counts} decisionsOnly />
        </ResendAnnouncements>
      )}
    </section>
  );
}
