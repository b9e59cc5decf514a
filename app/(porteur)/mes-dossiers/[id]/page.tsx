import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { notFound } from "next/navigation";
import { AttachmentsPanel } from "@/components/applications/attachments-panel";
import { CoEditors } from "@/components/applications/co-editors";
import { ComplementRequests } from "@/components/applications/complement-requests";
import { DossierForm } from "@/components/applications/dossier-form";
import { DossierSummary } from "@/components/applications/dossier-summary";
import { MessageThread } from "@/components/applications/message-thread";
import { StatusBadge } from "@/components/applications/status-badge";
import { WithdrawButton } from "@/components/applications/withdraw-button";
import { ApplicantConvention } from "@/components/conventions/applicant-convention";
// National decision (issue 5)
import { DecisionPanel } from "@/components/national/decision-panel";
import { Deadline } from "@/components/ui/deadline";
import {
  getApplication,
  listCoEditors,
  listComplementRequests,
  listMessages,
} from "@/lib/applications/data";
import { draftOf } from "@/lib/applications/draft";
import { submissionProblems } from "@/lib/applications/submission";
import { requireSpace } from "@/lib/auth/session";
import { getConventionOfApplication } from "@/lib/conventions/data";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { getPublishedDecision } from "@/lib/national/data";

export const metadata = { title: "Dossier de candidature" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ etape?: string; depose?: string }>;
};

async function load(actor: Awaited<ReturnType<typeof requireSpace>>, id: string) {
  try {
    return await getApplication(actor, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function DossierPage({ params, searchParams }: Props) {
  const [{ id }, { etape, depose }] = await Promise.all([params, searchParams]);
  const actor = await requireSpace("space.applicant", `/mes-dossiers/${id}`);
  const {
    application: a,
    canEdit,
    canWithdraw,
    canMessage,
    canInvite,
    canAnswerComplement,
  } = await load(actor, id);
  const complementRequests = a.submittedAt ? await listComplementRequests(actor, a.id) : [];
  const messages = canMessage ? await listMessages(actor, a.id) : [];
  const coEditors = canInvite ? await listCoEditors(actor, a.id) : [];
  const convention = a.status === "LAUREATE" ? await getConventionOfApplication(actor, a.id) : null;
  const decision = a.submittedAt ? await getPublishedDecision(actor, a.id) : null;
  const now = new Date();
  const openRequest = complementRequests.find((r) => r.status === "OPEN");
  const signatureDueAt =
    convention?.convention.status === "SENT" ? convention.convention.signatureDueAt : null;
  return (
    <div className="fr-container fr-py-6w">
      <p className="fr-mb-1w">
        <StatusBadge status={a.status} />{" "}
        {a.reference && <span className="fr-ml-1w">{a.reference}</span>}
      </p>
      <h1>{a.title || a.pole.name}</h1>
      {a.status === "DRAFT" ? (
        <>
          <p className="fr-mb-1w">{a.call.title}</p>
          <Deadline label="Date limite de dépôt" at={a.call.deadlineAt} now={now} />
        </>
      ) : (
        <p>
          {a.call.title} · dépôt jusqu&apos;au {formatDateTime(a.call.deadlineAt)} (heure de Paris)
        </p>
      )}
      {openRequest && (
        <Deadline
          label="Date limite d'envoi des pièces complémentaires"
          at={openRequest.dueAt}
          now={now}
        />
      )}
      {signatureDueAt && (
        <Deadline
          label="Date limite de dépôt de la convention signée"
          at={signatureDueAt}
          now={now}
        />
      )}
      {canEdit ? (
        <DossierForm
          applicationId={a.id}
          version={a.version}
          initialDraft={draftOf(a)}
          initialStep={Number(etape ?? 1) - 1}
          call={{
            levers: a.call.levers.map(({ id, title, description }) => ({ id, title, description })),
            learningCommunities: a.call.learningCommunities.map(({ id, name, description }) => ({
              id,
              name,
              description,
            })),
            grant: { minCents: a.call.minGrantCents, maxCents: a.call.maxGrantCents },
          }}
          attachments={
            <AttachmentsPanel
              uploadUrl={`/api/dossiers/${a.id}/pieces`}
              editable
              kinds={a.call.documentKinds}
              initial={a.attachments}
            />
          }
          problems={submissionProblems(a)}
          deadline={formatDateTime(a.call.deadlineAt)}
        />
      ) : (
        <>
          {decision && <DecisionPanel applicationId={a.id} decision={decision} />}
          {depose && a.reference && (
            <Alert
              severity="success"
              as="h2"
              role="status"
              small={false}
              className="fr-mb-3w"
              title={`Dossier déposé : ${a.reference}`}
              description="L'accusé de réception vous a été envoyé par e-mail. Le dossier n'est plus modifiable ; vous suivez ici son instruction."
            />
          )}
          {a.reference && (
            <p>
              Déposé le {a.submittedAt ? formatDateTime(a.submittedAt) : "—"} ·{" "}
              <a
                className="fr-link fr-icon-download-line fr-link--icon-left"
                href={`/api/dossiers/${a.id}/accuse`}
                download
              >
                Télécharger l&apos;accusé de réception (PDF)
              </a>
            </p>
          )}
          {a.status === "INADMISSIBLE" && (
            <Alert
              severity="error"
              as="h2"
              small={false}
              className="fr-mb-3w"
              title="Dossier déclaré irrecevable"
              description={a.inadmissibleReason ?? ""}
            />
          )}
          {convention && <ApplicantConvention view={convention} applicationId={a.id} now={now} />}
          <ComplementRequests requests={complementRequests} canAnswer={canAnswerComplement} />
          <DossierSummary a={a} />
        </>
      )}
      {canMessage && (
        <MessageThread
          applicationId={a.id}
          messages={messages.map((m) => ({
            id: m.id,
            body: m.body,
            at: formatDateTime(m.createdAt),
            author: m.author.name,
            fromInstruction: m.fromInstruction,
          }))}
        />
      )}
      {canInvite && (
        <CoEditors
          applicationId={a.id}
          people={coEditors.map((c) => ({
            id: c.id,
            email: c.email,
            accepted: c.acceptedAt !== null,
          }))}
        />
      )}
      {canWithdraw && (
        <div className="fr-mt-6w">
          <WithdrawButton applicationId={a.id} />
        </div>
      )}
    </div>
  );
}
