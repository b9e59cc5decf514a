import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { notFound } from "next/navigation";
import { ReportFiles } from "@/components/reports/report-files";
import { ReportForm } from "@/components/reports/report-form";
import { ReportView } from "@/components/reports/report-view";
import { requireSpace } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formatDate, formatDateTime } from "@/lib/format";
import { getReport } from "@/lib/reports/data";
import {
  type IndicatorReport,
  OPEN_REPORT_STATUSES,
  REPORT_KIND_LABELS,
  REPORT_STATUS_LABELS,
} from "@/lib/reports/rules";

export const metadata = { title: "Bilan" };

type Props = { params: Promise<{ id: string; reportId: string }> };

export default async function ReportPage({ params }: Props) {
  const { id, reportId } = await params;
  const actor = await requireSpace("space.applicant", `/mes-dossiers/${id}/bilans/${reportId}`);
  const loaded = await getReport(actor, reportId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { report: r, canSubmit } = loaded;
  if (r.convention.application.id !== id) notFound();
  const editable = canSubmit && OPEN_REPORT_STATUSES.includes(r.status);
  const saved = (r.indicators ?? []) as IndicatorReport[];
  const indicators = r.convention.application.indicators.map((ind) => ({
    label: ind.label,
    unit: ind.unit,
    target: r.kind === "INTERIM" ? ind.targetYear1 : ind.targetYear2,
  }));
  return (
    <div className="fr-container fr-py-6w max-w-4xl">
      <Breadcrumb
        currentPageLabel={REPORT_KIND_LABELS[r.kind]}
        segments={[
          { label: "Mes dossiers", linkProps: { href: "/mes-dossiers" } },
          {
            label: r.convention.application.reference ?? "Dossier",
            linkProps: { href: `/mes-dossiers/${id}` },
          },
        ]}
      />
      <h1>
        {REPORT_KIND_LABELS[r.kind]} — convention {r.convention.number}
      </h1>
      <p>
        {REPORT_STATUS_LABELS[r.status]} · à déposer au plus tard le {formatDate(r.dueAt)}
      </p>
      {r.status === "CHANGES_REQUESTED" && r.reviewComment && (
        <Alert
          severity="warning"
          title="Compléments demandés par la cellule nationale"
          description={r.reviewComment}
          className="fr-mb-3w"
        />
      )}
      {r.status === "SUBMITTED" && r.submittedAt && (
        <Alert
          severity="info"
          small
          description={`Bilan déposé le ${formatDateTime(r.submittedAt)} : la cellule nationale l'examine.`}
          className="fr-mb-3w"
        />
      )}
      {r.status === "ACCEPTED" && (
        <Alert
          severity="success"
          small
          description={`Bilan accepté${r.reviewComment ? ` : ${r.reviewComment}` : "."}`}
          className="fr-mb-3w"
        />
      )}
      {editable ? (
        <ReportForm
          reportId={r.id}
          indicators={indicators}
          initial={{
            activity: r.activity,
            financialSummary: r.financialSummary,
            achieved: saved.map((s) => s.achieved),
          }}
        />
      ) : (
        <ReportView
          activity={r.activity}
          financialSummary={r.financialSummary}
          indicators={saved}
        />
      )}
      <h2 className="fr-mt-4w">Pièces jointes</h2>
      <ReportFiles reportId={r.id} files={r.attachments} editable={editable} />
    </div>
  );
}
