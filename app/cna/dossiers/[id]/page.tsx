import Link from "next/link";
import { notFound } from "next/navigation";
import { DossierSummary } from "@/components/applications/dossier-summary";
import { StatusBadge } from "@/components/applications/status-badge";
import { CnaNav } from "@/components/national/cna-nav";
import { RegionalEvaluations, RegionalOpinionBlock } from "@/components/national/dossier-content";
import { NationalDeclarationForm } from "@/components/national/national-declaration";
import { ReviewForm } from "@/components/national/review-form";
import { WideTable as Table } from "@/components/national/wide-table";
import { requireSpace } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formatDateTime, formatEuros } from "@/lib/format";
import { getNationalDeclaration, getNationalDossier } from "@/lib/national/data";
import {
  formatScore,
  formatStatistic,
  OPINION_LABELS,
  OUTCOME_LABELS,
} from "@/lib/national/labels";
import { TERRITORY_SHORT_LABELS } from "@/lib/poles/labels";

export const metadata = { title: "Analyse de second niveau" };

type Props = { params: Promise<{ id: string }> };

/** A refusal (not a CNA member, a conflict declared, a dossier out of the national stage) is a 404. */
async function orNotFound<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function NationalDossierPage({ params }: Props) {
  const { id } = await params;
  const actor = await requireSpace("space.cna", `/cna/dossiers/${id}`);
  // Before the declaration of interests: the heading and the form only, nothing of the content.
  const pending = await orNotFound(() => getNationalDeclaration(actor, id));
  if (pending) {
    return (
      <div className="fr-container fr-py-6w">
        <CnaNav current="vue" slug={pending.call.slug} />
        <p className="fr-mb-1w">
          <StatusBadge status={pending.status} />{" "}
          <span className="fr-ml-1w">{pending.reference}</span>
        </p>
        <h1>Analyse de second niveau : {pending.pole.name}</h1>
        <p>
          {pending.pole.carrierName} ({pending.pole.city}) · {pending.region.name}
        </p>
        <section
          aria-labelledby="interets"
          className="fr-p-3w fr-mb-4w fr-background-alt--blue-france"
        >
          <h2 id="interets">Déclaration d&apos;intérêts</h2>
          <p>
            Avant de lire le dossier, déclarez si vous avez un lien avec ce pôle. Membres déclarés :{" "}
            {pending.pole.members.map((m) => m.name).join(", ") || "aucun"}.
          </p>
          <NationalDeclarationForm
            applicationId={pending.id}
            poleName={pending.pole.name}
            backHref={`/cna?appel=${pending.call.slug}`}
          />
        </section>
      </div>
    );
  }
  const {
    application: a,
    dossier,
    call,
    criteria,
    severity,
    context,
    history,
    editable,
  } = await orNotFound(() => getNationalDossier(actor, id));
  const o = a.regionalOpinion!;
  const n = a.nationalReview;
  return (
    <div className="fr-container fr-py-6w">
      <CnaNav current="vue" slug={call.slug} />
      <p className="fr-mb-1w">
        <StatusBadge status={a.status} /> <span className="fr-ml-1w">{a.reference}</span>
      </p>
      <h1>Analyse de second niveau : {a.pole.name}</h1>
      <p>
        {a.title} · {a.region.name} · territoire{" "}
        {TERRITORY_SHORT_LABELS[a.territoryType].toLowerCase()}
        {a.learningCommunity && ` · communauté apprenante : ${a.learningCommunity.name}`} · montant
        demandé {a.amountRequestedCents === null ? "—" : formatEuros(a.amountRequestedCents)}
      </p>

      <Table
        caption="Valeurs régionales et nationales, côte à côte"
        head={
          <tr>
            <th scope="col">Élément</th>
            <th scope="col">Cellule régionale</th>
            <th scope="col">Cellule nationale</th>
          </tr>
        }
      >
        <tr>
          <th scope="row">Note (sur 100)</th>
          <td>{formatScore(o.consolidatedScore)}</td>
          <td>
            {n
              ? `${formatScore(n.score)}${n.score !== o.consolidatedScore ? " (ajustée)" : " (confirmée)"}`
              : "à analyser"}
          </td>
        </tr>
        <tr>
          <th scope="row">Montant</th>
          <td>{formatEuros(o.proposedAmountCents)}</td>
          <td>
            {n
              ? `${formatEuros(n.amountCents)}${n.amountCents !== o.proposedAmountCents ? " (ajusté)" : " (confirmé)"}`
              : "à analyser"}
          </td>
        </tr>
        <tr>
          <th scope="row">Avis</th>
          <td>{OPINION_LABELS[o.opinion]}</td>
          <td>{a.decision ? OUTCOME_LABELS[a.decision.outcome] : "—"}</td>
        </tr>
        <tr>
          <th scope="row">Justification</th>
          <td>{o.motivation}</td>
          <td>
            {[n?.scoreJustification, n?.amountJustification].filter(Boolean).join(" ") || "—"}
          </td>
        </tr>
      </Table>
      <p>
        Rang dans la région : {o.rank ?? "—"} · écart réduit (z) dans la région :{" "}
        {formatStatistic(context.zScore)} · centile : {formatStatistic(context.percentile, 0)} ·
        sévérité de la région : moyenne{" "}
        {severity?.mean != null ? formatScore(Math.round(severity.mean)) : "—"}, écart type{" "}
        {severity?.standardDeviation != null
          ? formatScore(Math.round(severity.standardDeviation))
          : "—"}{" "}
        ({severity?.count ?? 0} dossiers)
      </p>

      <DossierSummary a={dossier} />

      <h2 className="fr-mt-6w">Évaluations de la cellule régionale</h2>
      <RegionalEvaluations evaluations={a.evaluations} criteria={criteria} />

      <h2 className="fr-mt-6w">Avis régional</h2>
      <RegionalOpinionBlock opinion={o} />

      <h2 id="analyse-titre" className="fr-mt-6w">
        Confirmer ou ajuster
      </h2>
      {editable ? (
        <ReviewForm
          applicationId={a.id}
          regional={{ score: o.consolidatedScore, amountCents: o.proposedAmountCents }}
          bounds={{ minCents: call.minGrantCents, maxCents: call.maxGrantCents }}
          initial={{
            score: n?.score ?? o.consolidatedScore,
            amountCents: n?.amountCents ?? o.proposedAmountCents,
            scoreJustification: n?.scoreJustification ?? "",
            amountJustification: n?.amountJustification ?? "",
          }}
        />
      ) : (
        <p className="fr-p-3w fr-background-alt--grey">
          La liste des décisions est finalisée : l&apos;analyse nationale ne peut plus changer.
        </p>
      )}

      <h2 className="fr-mt-6w">Historique de l&apos;analyse nationale</h2>
      {history.length === 0 ? (
        <p>Aucune analyse enregistrée.</p>
      ) : (
        <ul>
          {history.map((h) => {
            const before = (h.before ?? {}) as { score?: number; amountCents?: number };
            const after = (h.after ?? {}) as { score?: number; amountCents?: number };
            return (
              <li key={String(h.id)}>
                {formatDateTime(h.at)} — {h.actor?.name ?? "—"} :{" "}
                {h.action === "national.review.adjust" ? "ajustement" : "confirmation"} · note{" "}
                {before.score !== undefined ? formatScore(before.score) : "—"} →{" "}
                {after.score !== undefined ? formatScore(after.score) : "—"} · montant{" "}
                {before.amountCents !== undefined ? formatEuros(before.amountCents) : "—"} →{" "}
                {after.amountCents !== undefined ? formatEuros(after.amountCents) : "—"}
              </li>
            );
          })}
        </ul>
      )}
      <p className="fr-mt-4w">
        <Link
          href={`/cna?appel=${call.slug}`}
          className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
        >
          Retour à la vue nationale
        </Link>
      </p>
    </div>
  );
}
