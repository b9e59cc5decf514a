import { DeliveryState } from "@/components/notifications/delivery-state";
import { ResendAnnouncements, ResendCell } from "@/components/notifications/resend-button";
import { Table } from "@/components/ui/table";
import { formatDateTime, plural } from "@/lib/format";
import type { DeliveryCounts, DeliveryRow } from "@/lib/notifications/log";

/** An address that may break after its « @ » on a narrow screen. */
export function Email({ address }: { address: string }) {
  const at = address.lastIndexOf("@");
  if (at < 0) return <span className="break-all">{address}</span>;
  return (
    <span className="break-words">
      {address.slice(0, at)}
      <wbr />
      {address.slice(at)}
    </span>
  );
}

/** The counts by state of a search, in one sentence. */
export function DeliveryCountsLine({ counts }: { counts: DeliveryCounts }) {
  const parts = [
    plural(counts.sent, "envoyé", "envoyés"),
    `${counts.pending} en attente${counts.retrying ? ` (dont ${plural(counts.retrying, "nouvel essai prévu", "nouveaux essais prévus")})` : ""}`,
    `${counts.failed} en échec`,
    ...(counts.logged
      ? [
          plural(
            counts.logged,
            "écrit dans le journal, non envoyé (aucun serveur SMTP configuré)",
            "écrits dans le journal, non envoyés (aucun serveur SMTP configuré)",
          ),
        ]
      : []),
    ...(counts.skipped
      ? [
          plural(
            counts.skipped,
            "non envoyé par e-mail (désactivé par la personne)",
            "non envoyés par e-mail (désactivés par les personnes)",
          ),
        ]
      : []),
  ];
  return (
    <p>
      <strong>{plural(counts.total, "message", "messages")}</strong> : {parts.join(" · ")}
    </p>
  );
}

/**
 * The log's rows: date, recipient, kind, subject, state, « Renvoyer ». The text of a message is never shown. Its
 * resends are announced by the page's ResendAnnouncements when there is one, else by the table's own.
 */
export function DeliveryTable({ rows, total }: { rows: DeliveryRow[]; total: number }) {
  return (
    <ResendAnnouncements>
      <Table
        size="sm"
        caption={`Envois (${total})`}
        head={
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Destinataire</th>
            <th scope="col">Type</th>
            <th scope="col">Objet</th>
            <th scope="col">État</th>
            <th scope="col">Action</th>
          </tr>
        }
      >
        {rows.map((n) => (
          <tr key={n.id}>
            <td>{formatDateTime(n.createdAt)}</td>
            <th scope="row" className="fr-cell--multiline">
              <Email address={n.email} />
            </th>
            <td className="fr-cell--multiline fr-col--sm">{n.kindLabel}</td>
            <td className="fr-cell--multiline fr-col--md">{n.subject}</td>
            <td className="fr-cell--multiline fr-col--md">
              <DeliveryState row={n} />
            </td>
            <td>
              <ResendCell
                id={n.id}
                email={n.email}
                canResend={n.canResend}
                retrying={n.retrying}
                linkLost={n.linkLost}
              />
            </td>
          </tr>
        ))}
      </Table>
    </ResendAnnouncements>
  );
}
