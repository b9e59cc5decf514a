import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConventionActions } from "@/components/conventions/convention-actions";
import { PaymentSchedule } from "@/components/conventions/payment-schedule";
import { ConventionStatusBadge } from "@/components/conventions/status-badge";
import { documentPhrase } from "@/components/notifications/failed-documents";
import { ResendAnnouncements, RetryJobButton } from "@/components/notifications/resend-button";
import { PaymentForm } from "@/components/payments/payment-form";
import { ReportFiles } from "@/components/reports/report-files";
import { ReportView } from "@/components/reports/report-view";
import { ReviewForm } from "@/components/reports/review-form";
import { Table } from "@/components/ui/table";
import { requireSpace } from "@/lib/auth/session";
import { getConvention } from "@/lib/conventions/data";
import { reservePromotionHref } from "@/lib/conventions/rules";
import { AppError } from "@/lib/errors";
import { formatDate, formatDateTime, formatEuros, plural } from "@/lib/format";
import { conventionDocumentFailure } from "@/lib/notifications/data";
import {
  type IndicatorReport,
  REPORT_KIND_LABELS,
  REPORT_STATUS_LABELS,
} from "@/lib/reports/rules";
import { parisDate } from "@/lib/time";

export const metadata = { title: "Convention" };

type Props = { params: Promise<{ id: string }> };

export default async function ConventionPage({ params }: Props) {
  const { id } = await params;
  const actor = await requireSpace("space.cna", `/cna/conventions/${id}`);
  const view = await getConvention(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { convention: c, schedule, paidCents } = view;
  // No document yet: still being prepared, or its preparation used all its attempts (then said, with « Relancer »).
  const documentFailure = c.documentKey ? null : await conventionDocumentFailure(actor, c.id);
  const a = c.application;
  const now = new Date();
  const overdue = c.status === "SENT" && c.signatureDueAt !== null && now > c.signatureDueAt;
  return (
    <div className="fr-container fr-py-6w">
      <Breadcrumb
        currentPageLabel={c.number}
        segments={[
          { label: "Conventions", linkProps: { href: `/cna/conventions?appel=${a.call.slug}` } },
        ]}
      />
      <h1>Convention {c.number}</h1>
      <p>
        <ConventionStatusBadge status={c.status} /> · {a.pole.name} ({a.pole.carrierName}, SIRET{" "}
        {a.pole.siret}) · {a.region.name} · dossier {a.reference}
      </p>
      <p>
        Montant {formatEuros(c.amountCents)} · versé <strong>{formatEuros(paidCents)}</strong> ·{" "}
        {a.call.title}
      </p>
      <ul>
        <li>Préparée le {formatDateTime(c.createdAt)}</li>
        {c.sentAt && (
          <li>
            Envoyée le {formatDateTime(c.sentAt)}
            {c.signatureDueAt && <>, à signer avant le {formatDateTime(c.signatureDueAt)}</>}
          </li>
        )}
        {c.signedByPoleAt && <li>Signée par le porteur le {formatDateTime(c.signedByPoleAt)}</li>}
        {c.countersignedAt && <li>Contresignée le {formatDateTime(c.countersignedAt)}</li>}
        {c.cancelledAt && (
          <li>
            Annulée le {formatDateTime(c.cancelledAt)} : {c.cancellationReason}
          </li>
        )}
      </ul>
      {overdue && (
        <Alert
          severity="warning"
          small
          description="Le délai de signature est dépassé : vous pouvez annuler la convention et engager la promotion de la liste complémentaire."
          className="fr-mb-3w"
        />
      )}
      {c.reservePromotionDue && (
        <Alert
          severity="info"
          title="Promotion de la liste complémentaire à engager"
          description={
            <Link href={reservePromotionHref(a.call.slug)}>
              Proposer le premier dossier de la liste complémentaire qui tient dans l&apos;enveloppe
              restante
            </Link>
          }
          className="fr-mb-3w"
        />
      )}
      {/* Its announcement outlives the failure it follows (the page read again shows the document being prepared). */}
      <ResendAnnouncements>
        {documentFailure && (
          <div className="fr-mb-3w">
            <Alert
              severity="error"
              small
              description={
                <>
                  <p className="fr-mb-1v break-words">
                    La préparation du document a échoué :{" "}
                    <code>{documentFailure.lastError ?? "cause non enregistrée"}</code>
                  </p>
                  <p className="fr-text--xs fr-mb-0">
                    {plural(documentFailure.attempts, "tentative")}, la dernière le{" "}
                    {formatDateTime(documentFailure.failedAt)}. Corrigez la cause, puis relancez la
                    préparation.
                  </p>
                </>
              }
              className="fr-mb-2w"
            />
            {documentFailure.canRetry && (
              <RetryJobButton
                jobId={documentFailure.jobId}
                what={documentPhrase(documentFailure)}
              />
            )}
          </div>
        )}
        <p className="flex flex-wrap gap-6">
          {c.documentKey ? (
            <a
              className="fr-link fr-icon-download-line fr-link--icon-left"
              href={`/api/conventions/${c.id}`}
              download
            >
              Convention (PDF)
            </a>
          ) : (
            !documentFailure && (
              <span className="fr-text--sm">
                Document de la convention en cours de préparation : rechargez la page dans quelques
                instants.
              </span>
            )
          )}
          {c.attachments[0] && (
            <a
              className="fr-link fr-icon-download-line fr-link--icon-left"
              href={`/api/conventions/${c.id}/signee`}
              download
            >
              Copie signée par le porteur
            </a>
          )}
        </p>
      </ResendAnnouncements>
      {view.canManage && (
        <ConventionActions conventionId={c.id} status={c.status} overdue={overdue} />
      )}

      <h2>Versements</h2>
      <PaymentSchedule caption="Échéancier" schedule={schedule} />
      {c.payments.length === 0 ? (
        <p>Aucun versement enregistré.</p>
      ) : (
        <Table
          caption="Versements enregistrés"
          head={
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Tranche</th>
              <th scope="col">Montant</th>
              <th scope="col">Référence comptable</th>
              <th scope="col">Enregistré par</th>
            </tr>
          }
        >
          {c.payments.map((p) => (
            <tr key={p.id}>
              <td>{formatDate(p.paidOn)}</td>
              <td>{p.tranche?.label ?? "—"}</td>
              <td>{formatEuros(p.amountCents)}</td>
              <td>{p.accountingReference}</td>
              <td>{p.recordedBy.name}</td>
            </tr>
          ))}
        </Table>
      )}
      {view.canManage && c.status === "COUNTERSIGNED" && paidCents < c.amountCents && (
        <PaymentForm
          conventionId={c.id}
          today={parisDate(now)}
          tranches={schedule.map((t) => ({
            id: t.id,
            label: t.label,
            remainingCents: t.amountCents - t.paidCents,
          }))}
        />
      )}

      <h2 className="fr-mt-6w">Bilans</h2>
      {c.reports.length === 0 && <p>Les bilans sont attendus après la contre-signature.</p>}
      {c.reports.map((r) => (
        <section key={r.id} className="fr-mb-4w" aria-labelledby={`bilan-${r.id}`}>
          <h3 id={`bilan-${r.id}`}>{REPORT_KIND_LABELS[r.kind]}</h3>
          <p>
            {REPORT_STATUS_LABELS[r.status]} · à déposer au plus tard le {formatDate(r.dueAt)}
            {r.submittedAt && <> · déposé le {formatDateTime(r.submittedAt)}</>}
          </p>
          {r.reviewComment && (
            <p className="fr-text--sm">Commentaire de l&apos;examen : {r.reviewComment}</p>
          )}
          {r.status !== "DRAFT" && (
            <>
              <ReportView
                activity={r.activity}
                financialSummary={r.financialSummary}
                indicators={(r.indicators ?? []) as IndicatorReport[]}
              />
              <ReportFiles reportId={r.id} files={r.attachments} editable={false} />
            </>
          )}
          {view.canManage && r.status === "SUBMITTED" && (
            <ReviewForm reportId={r.id} title={REPORT_KIND_LABELS[r.kind]} />
          )}
        </section>
      ))}
    </div>
  );
}
