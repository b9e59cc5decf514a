// What the national cell judges, on the second-level analysis page: every evaluator's scores, comments and
// recommendation per criterion, then the regional opinion and its motivation. The dossier's own content is
// the applicants' and instructors' read-only summary (components/applications/dossier-summary.tsx).
import { WideTable as Table } from "@/components/national/wide-table";
import { formatDateTime, formatEuros } from "@/lib/format";
import type { Opinion } from "@/lib/generated/prisma/enums";
import { formatScore, OPINION_LABELS } from "@/lib/national/labels";

type Evaluation = {
  id: string;
  weightedScore: number | null;
  recommendation: Opinion | null;
  comment: string;
  submittedAt: Date | null;
  evaluator: { name: string };
  scores: { criterionId: string; score: number; comment: string }[];
};
type Criterion = { id: string; label: string; weightBps: number; maxScore: number };

export function RegionalEvaluations({
  evaluations,
  criteria,
}: {
  evaluations: Evaluation[];
  criteria: Criterion[];
}) {
  if (evaluations.length === 0) return <p>Aucune évaluation transmise.</p>;
  return (
    <>
      <Table
        caption="Notes et commentaires par critère, pour chaque évaluateur"
        head={
          <tr>
            <th scope="col">Critère</th>
            {evaluations.map((e) => (
              <th scope="col" key={e.id}>
                {e.evaluator.name} ({e.weightedScore === null ? "—" : formatScore(e.weightedScore)}{" "}
                / 100)
              </th>
            ))}
          </tr>
        }
      >
        {criteria.map((c) => (
          <tr key={c.id}>
            <th scope="row">
              {c.label} ({c.weightBps / 100} %)
            </th>
            {evaluations.map((e) => {
              const s = e.scores.find((x) => x.criterionId === c.id);
              return (
                <td key={e.id}>
                  {s ? `${s.score} / ${c.maxScore}` : "—"}
                  {s?.comment && (
                    <p className="fr-text--sm fr-mb-0 whitespace-pre-wrap">{s.comment}</p>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
        <tr>
          <th scope="row">Recommandation</th>
          {evaluations.map((e) => (
            <td key={e.id}>{e.recommendation ? OPINION_LABELS[e.recommendation] : "—"}</td>
          ))}
        </tr>
        <tr>
          <th scope="row">Commentaire général</th>
          {evaluations.map((e) => (
            <td key={e.id}>
              <p className="fr-text--sm fr-mb-0 whitespace-pre-wrap">{e.comment || "—"}</p>
            </td>
          ))}
        </tr>
      </Table>
      <p className="fr-text--sm">
        {evaluations
          .map(
            (e) =>
              `${e.evaluator.name} : évaluation rendue le ${e.submittedAt ? formatDateTime(e.submittedAt) : "—"}`,
          )
          .join(" · ")}
      </p>
    </>
  );
}

type RegionalOpinion = {
  opinion: Opinion;
  consolidatedScore: number;
  proposedAmountCents: number;
  rank: number | null;
  motivation: string;
  author: { name: string };
};

export function RegionalOpinionBlock({ opinion: o }: { opinion: RegionalOpinion }) {
  return (
    <>
      <p>
        <strong>{OPINION_LABELS[o.opinion]}</strong> · note consolidée{" "}
        {formatScore(o.consolidatedScore)} / 100 · montant proposé{" "}
        {formatEuros(o.proposedAmountCents)}
        {o.rank !== null && ` · rang ${o.rank} dans la région`} · par {o.author.name}
      </p>
      <h3 className="fr-h6 fr-mb-1w">Motivation</h3>
      <p className="whitespace-pre-wrap">{o.motivation || "—"}</p>
    </>
  );
}
