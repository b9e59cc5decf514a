import Link from "next/link";
import { DeliveryState } from "@/components/notifications/delivery-state";
import { Email } from "@/components/notifications/delivery-table";
import { ResendAnnouncements, ResendCell, ResendFailedButton } from "@/components/notifications/resend-button";
import { Table } from "@/components/ui/table";
import { plural } from "@/lib/format";
import { DECISION_TYPE, type DecisionDeliverySummary } from "@/lib/notifications/log";

/** After publication, on the decision page: how many decisions reached every recipient, and those that failed. */
export function DecisionDeliveries({ callId, summary }: { callId: string; summary: DecisionDeliverySummary }) {
  const { dossiers, recipients, failures } = summary;
  const log = (params: Record<string, string>) => `/cna/envois?${new URLSearchParams({ appel: summary.callSlug, type: DECISION_TYPE, ...params }).toString()}`;
  const failedCount = failures.filter((f) => f.failed).length;
  return (
    <section aria-labelledby="envoi-decisions" className="fr-mb-4w">
      <h2 id="envoi-decisions">Envoi des décisions</h2>
      <ul>
        <li>
          Décisions notifiées :{" "}
          <strong>
            {dossiers.sent} / {dossiers.total}
          </strong>{" "}
          (dossiers dont chaque destinataire a reçu l&apos;e-mail)
        </li>
        <li>
          En attente : {dossiers.pending}
          {dossiers.pending > 0 && " (lettre en préparation ou e-mail dans la file d'envoi)"}
        </li>
        <li>
          En échec : <strong>{dossiers.failed}</strong>
        </li>
      </ul>
      <p className="fr-text--sm">
        Destinataires (porteurs et co-rédacteurs) : {plural(recipients.sent, "e-mail envoyé", "e-mails envoyés")} sur {recipients.total}, {recipients.pending} en attente,{" "}
        {recipients.failed} en échec. <Link href={log({})}>Voir tous les envois des décisions</Link>
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
                <th scope="row">{f.applicationId ? <Link href={`/cna/dossiers/${f.applicationId}`}>{f.reference}</Link> : f.reference}</th>
                <td className="fr-cell--multiline">
                  <Email address={f.email} />
                </td>
                <td className="fr-cell--multiline fr-col--md">
                  <DeliveryState row={{ emailStatus: f.failed ? "FAILED" : "PENDING", retrying: !f.failed, attempts: f.attempts, lastError: f.lastError, lastAttemptAt: f.lastAttemptAt, sentAt: null }} />
                </td>
                <td>
                  <ResendCell id={f.id} email={f.email} canResend retrying={!f.failed} />
                </td>
              </tr>
            ))}
          </Table>
          <p>
            <Link href={log({ etat: "FAILED" })}>Voir les envois en échec dans le journal des envois</Link>
          </p>
          <ResendFailedButton callId={callId} count={failedCount} decisionsOnly />
        </ResendAnnouncements>
      )}
    </section>
  );
}
