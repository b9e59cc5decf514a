import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { notFound } from "next/navigation";
import { ComplementRequests } from "@/components/applications/complement-requests";
import { DossierSummary } from "@/components/applications/dossier-summary";
import { MessageThread } from "@/components/applications/message-thread";
import { StatusBadge } from "@/components/applications/status-badge";
import { EvaluationForm } from "@/components/regional/evaluation-form";
import {
  AdmissibilityForm,
  AssignmentForm,
  ConflictForm,
  OpinionForm,
} from "@/components/regional/instruction-forms";
import { Synthesis } from "@/components/regional/synthesis-table";
import { requireSpace } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { expectedEvaluations } from "@/lib/evaluations/expected";
import { formatDateTime, formatEuros } from "@/lib/format";
import { TERRITORY_LABELS } from "@/lib/poles/labels";
import { instructionDossier } from "@/lib/regional/data";
import { formatPoints, OPINION_LABELS } from "@/lib/regional/labels";
import { addDays, parisDate } from "@/lib/time";

export const metadata = { title: "Instruction d'un dossier" };

type Props = { params: Promise<{ id: string }> };

async function load(actor: Awaited<ReturnType<typeof requireSpace>>, id: string) {
  try {
    return await instructionDossier(actor, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function InstructionPage({ params }: Props) {
  const { id } = await params;
  const actor = await requireSpace("space.cra", `/cra/dossiers/${id}`);
  const d = await load(actor, id);
  const { summary: s, allowed, complementRequests: requests, messages } = d;
  const own = d.evaluations.find((e) => e.evaluatorId === actor.id);
  const coordinatorConflicted = !allowed.read && !allowed.declare;
  return (
    <div className="fr-container fr-py-6w">
      <nav aria-label="Retour">
        <a
          className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
          href={`/cra?appel=${s.call.slug}`}
        >
          Dossiers de la région
        </a>
      </nav>
      <p className="fr-mt-3w fr-mb-1w">
        <StatusBadge status={s.status} /> <span className="fr-ml-1w">{s.reference}</span>
      </p>
      <h1>{s.title || s.pole.name}</h1>
      <p>
        {s.pole.name} ({s.pole.carrierName}, {s.pole.city}) · {TERRITORY_LABELS[s.territoryType]} ·
        montant demandé{" "}
        {s.amountRequestedCents === null ? "—" : formatEuros(s.amountRequestedCents)} · déposé le{" "}
        {s.submittedAt ? formatDateTime(s.submittedAt) : "—"}
      </p>

      {allowed.declare && (
        <section
          aria-labelledby="interets"
          className="fr-p-3w fr-mb-4w fr-background-alt--blue-france"
        >
          <h2 id="interets">Déclaration d&apos;intérêts</h2>
          <p>
            Avant de lire le dossier, déclarez si vous avez un lien avec ce pôle. Membres déclarés :{" "}
            {s.pole.members.map((m) => m.name).join(", ") || "aucun"}.
          </p>
          <ConflictForm applicationId={s.id} poleName={s.pole.name} />
        </section>
      )}
      {coordinatorConflicted && (
        <Alert
          severity="info"
          small
          className="fr-mb-4w"
          description="Vous avez déclaré un conflit d'intérêts avec ce dossier : un autre membre de la coordination le traite."
        />
      )}

      {s.status === "INADMISSIBLE" && s.inadmissibleReason && (
        <Alert
          severity="error"
          small
          className="fr-mb-4w"
          title="Dossier irrecevable"
          description={s.inadmissibleReason}
        />
      )}

      {allowed.check && (
        <section aria-labelledby="recevabilite" className="fr-mb-6w">
          <h2 id="recevabilite">Recevabilité</h2>
          <AdmissibilityForm
            applicationId={s.id}
            kinds={s.call.documentKinds}
            defaultDueDate={addDays(parisDate(new Date()), 15)}
          />
        </section>
      )}

      {allowed.assign && d.assignment && (
        <section aria-labelledby="affectation" className="fr-mb-6w">
          <h2 id="affectation">Évaluateurs</h2>
          <AssignmentForm
            applicationId={s.id}
            evaluators={d.assignment.evaluators}
            assigned={d.assignment.assigned}
            suggestion={d.assignment.suggestion}
            minEvaluators={d.assignment.minEvaluators}
            locked={d.evaluations.filter((e) => e.status === "SUBMITTED").map((e) => e.evaluatorId)}
          />
        </section>
      )}

      {allowed.evaluate && own?.status !== "SUBMITTED" && (
        <section aria-labelledby="evaluation" className="fr-mb-6w">
          <h2 id="evaluation">Mon évaluation</h2>
          <EvaluationForm
            applicationId={s.id}
            grid={s.call.criteria}
            initial={{
              scores: Object.fromEntries(
                s.call.criteria.map((c) => {
                  const score = own?.scores.find((x) => x.criterionId === c.id);
                  return [c.id, { score: score?.score ?? null, comment: score?.comment ?? "" }];
                }),
              ),
              recommendation: own?.recommendation ?? null,
              comment: own?.comment ?? "",
            }}
          />
        </section>
      )}
      {own?.status === "SUBMITTED" && !allowed.readEvaluations && (
        <section aria-labelledby="evaluation" className="fr-mb-6w">
          <h2 id="evaluation">Mon évaluation</h2>
          <p>
            Soumise le {own.submittedAt ? formatDateTime(own.submittedAt) : "—"} · note pondérée{" "}
            <strong>{formatPoints(own.weightedScore)} / 100</strong> · recommandation{" "}
            {own.recommendation ? OPINION_LABELS[own.recommendation].toLowerCase() : "—"}.
          </p>
        </section>
      )}

      {d.synthesis && (
        <section aria-labelledby="synthese" className="fr-mb-6w">
          <h2 id="synthese">Synthèse des évaluations</h2>
          <Synthesis
            criteria={s.call.criteria}
            evaluations={d.evaluations}
            synthesis={d.synthesis}
            threshold={s.call.disagreementThreshold}
            assigned={d.facts.assignedEvaluatorIds}
          />
        </section>
      )}

      {allowed.opinion ? (
        <section aria-labelledby="avis" className="fr-mb-6w">
          <h2 id="avis">Avis régional</h2>
          {d.submittedEvaluations.length <
            expectedEvaluations(s.call.minEvaluators, d.facts.assignedEvaluatorIds.length) && (
            <p>L&apos;avis s&apos;enregistre une fois toutes les évaluations rendues.</p>
          )}
          <OpinionForm
            applicationId={s.id}
            bounds={{ minCents: s.call.minGrantCents, maxCents: s.call.maxGrantCents }}
            defaults={{
              opinion: d.opinion?.opinion ?? null,
              consolidatedScore: d.opinion?.consolidatedScore ?? d.proposedScore,
              proposedAmountCents: d.opinion
                ? d.opinion.proposedAmountCents
                : s.amountRequestedCents,
              motivation: d.opinion?.motivation ?? "",
            }}
          />
        </section>
      ) : (
        d.opinion && (
          <section aria-labelledby="avis" className="fr-mb-6w">
            <h2 id="avis">Avis régional</h2>
            <p>
              <strong>{OPINION_LABELS[d.opinion.opinion]}</strong> · note consolidée{" "}
              {formatPoints(d.opinion.consolidatedScore)} / 100 · montant proposé{" "}
              {formatEuros(d.opinion.proposedAmountCents)}
              {d.opinion.rank !== null && ` · rang ${d.opinion.rank}`} · par {d.opinion.author.name}
            </p>
            <p className="whitespace-pre-wrap">{d.opinion.motivation}</p>
          </section>
        )
      )}

      {allowed.read && <ComplementRequests requests={requests} canAnswer={false} />}
      {d.dossier && <DossierSummary a={d.dossier} />}
      {allowed.message && (
        <MessageThread
          applicationId={s.id}
          messages={messages.map((m) => ({
            id: m.id,
            body: m.body,
            at: formatDateTime(m.createdAt),
            author: m.author.name,
            fromInstruction: m.fromInstruction,
          }))}
        />
      )}
    </div>
  );
}
