// The convention of a laureate, on the applicant's dossier page: download, signed copy, payments, reports.

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import Link from "next/link";
import { FileUpload } from "@/components/conventions/file-upload";
import { PaymentSchedule } from "@/components/conventions/payment-schedule";
import { ConventionStatusBadge } from "@/components/conventions/status-badge";
import type { ConventionView } from "@/lib/conventions/data";
import { formatDate, formatDateTime, formatEuros } from "@/lib/format";
import { REPORT_KIND_LABELS, REPORT_STATUS_LABELS } from "@/lib/reports/rules";

export function ApplicantConvention({
  view,
  applicationId,
  now,
}: {
  view: ConventionView;
  applicationId: string;
  now: Date;
}) {
  const { convention: c, schedule, paidCents } = view;
  const overdue = c.status === "SENT" && c.signatureDueAt !== null && now > c.signatureDueAt;
  return (
    <section className="fr-mt-6w" aria-labelledby="convention-title">
      <h2 id="convention-title">Convention {c.number}</h2>
      <p>
        <ConventionStatusBadge status={c.status} /> · montant {formatEuros(c.amountCents)}
      </p>
      {c.status === "CANCELLED" && (
        <Alert
          severity="error"
          small
          description={`Cette convention a été annulée${c.cancellationReason ? ` : ${c.cancellationReason}` : "."}`}
          className="fr-mb-3w"
        />
      )}
      {view.canDownload && c.status !== "CANCELLED" && (
        <p>
          <a
            className="fr-link fr-icon-download-line fr-link--icon-left"
            href={`/api/conventions/${c.id}`}
            download
          >
            Télécharger la convention (PDF)
          </a>
        </p>
      )}
      {c.status === "SENT" &&
        c.signatureDueAt &&
        (overdue ? (
          <Alert
            severity="warning"
            small
            description={`Le délai de signature a expiré le ${formatDateTime(c.signatureDueAt)} : contactez la cellule nationale.`}
            className="fr-mb-3w"
          />
        ) : (
          <p>
            À faire signer par le représentant légal de la structure porteuse et à déposer signée
            avant le <strong>{formatDateTime(c.signatureDueAt)}</strong>.
          </p>
        ))}
      {view.canSign && !overdue && (
        <FileUpload
          url={`/api/conventions/${c.id}/signee`}
          label="Convention signée"
          hint="Un fichier PDF de 10 Mo au plus, signé par le représentant légal."
          accept="application/pdf,.pdf"
          confirmText="Déposer cette copie signée ? Elle sera transmise à la cellule nationale pour contre-signature et ne pourra plus être remplacée."
          confirmLabel="Confirmer le dépôt de la convention signée"
        />
      )}
      {c.attachments[0] && (
        <p>
          Copie signée déposée le {formatDateTime(c.attachments[0].createdAt)} ·{" "}
          <a className="fr-link" href={`/api/conventions/${c.id}/signee`} download>
            Télécharger la copie signée
          </a>
        </p>
      )}
      {c.status === "COUNTERSIGNED" && c.countersignedAt && (
        <p>
          Contresignée par l&apos;État le {formatDate(c.countersignedAt)} : la convention est en
          vigueur.
        </p>
      )}

      {c.status !== "CANCELLED" && (
        <>
          <h3>Versements</h3>
          <PaymentSchedule
            caption={`Échéancier des versements (versé : ${formatEuros(paidCents)} sur ${formatEuros(c.amountCents)})`}
            schedule={schedule}
          />
          {c.payments.length === 0 ? (
            <p className="fr-text--sm">Aucun versement n&apos;a encore été effectué.</p>
          ) : (
            <ul>
              {c.payments.map((p) => (
                <li key={p.id}>
                  {formatDate(p.paidOn)} : {formatEuros(p.amountCents)} (
                  {p.tranche?.label ?? "hors échéancier"}, référence {p.accountingReference})
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      {c.reports.length > 0 && (
        <>
          <h3>Bilans</h3>
          <ul>
            {c.reports.map((r) => (
              <li key={r.id} className="fr-mb-1w">
                <Link href={`/mes-dossiers/${applicationId}/bilans/${r.id}`}>
                  {REPORT_KIND_LABELS[r.kind]}
                </Link>{" "}
                — {REPORT_STATUS_LABELS[r.status]} · à déposer au plus tard le {formatDate(r.dueAt)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
