import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Table } from "@/components/ui/table";
import type { InstructionDossier } from "@/lib/regional/data";
import { formatMeanSd, formatPoints, OPINION_LABELS } from "@/lib/regional/labels";

type Props = {
  criteria: InstructionDossier["summary"]["call"]["criteria"];
  evaluations: InstructionDossier["evaluations"];
  synthesis: NonNullable<InstructionDossier["synthesis"]>;
  threshold: number;
  assigned: string[];
};

const one = (v: number | null) =>
  v === null ? "—" : v.toLocaleString("fr-FR", { maximumFractionDigits: 1 });

/** The evaluators' scores side by side, with mean ± standard deviation and spread; a disagreement flag. */
export function Synthesis({ criteria, evaluations, synthesis, threshold, assigned }: Props) {
  const shown = evaluations.filter(
    (e) => e.status === "SUBMITTED" && assigned.includes(e.evaluatorId),
  );
  const pending =
    evaluations.filter((e) => e.status !== "SUBMITTED" && assigned.includes(e.evaluatorId)).length +
    assigned.filter((id) => !evaluations.some((e) => e.evaluatorId === id)).length;
  return (
    <>
      {synthesis.disagreement && (
        <Alert
          severity="warning"
          small
          className="fr-mb-3w"
          title="À discuter"
          description={`Les notes pondérées des évaluateurs s'écartent de ${formatPoints(synthesis.weighted.spread)} points, au-delà du seuil de ${formatPoints(threshold)} points.`}
        />
      )}
      <p>
        {shown.length} évaluation(s) rendue(s){pending ? `, ${pending} en attente` : ""}.
      </p>
      {shown.length > 0 && (
        <Table
          caption="Notes par critère et par évaluateur"
          head={
            <tr>
              <th scope="col">Critère</th>
              {shown.map((e) => (
                <th key={e.id} scope="col">
                  {e.evaluator.name}
                </th>
              ))}
              <th scope="col">Moyenne ± écart type</th>
              <th scope="col">Écart max.</th>
            </tr>
          }
        >
          {criteria.map((c) => {
            const d = synthesis.perCriterion.get(c.id)!;
            return (
              <tr key={c.id}>
                <th scope="row">
                  {c.label} (sur {c.maxScore})
                </th>
                {shown.map((e) => (
                  <td key={e.id}>{e.scores.find((s) => s.criterionId === c.id)?.score ?? "—"}</td>
                ))}
                <td>{formatMeanSd(d.mean, d.sd)}</td>
                <td>{one(d.spread)}</td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">Note pondérée (sur 100)</th>
            {shown.map((e) => (
              <td key={e.id}>
                <strong>{formatPoints(e.weightedScore)}</strong>
              </td>
            ))}
            <td>
              <strong>
                {formatPoints(
                  synthesis.weighted.mean === null ? null : Math.round(synthesis.weighted.mean),
                )}{" "}
                ±{" "}
                {formatPoints(
                  synthesis.weighted.sd === null ? null : Math.round(synthesis.weighted.sd),
                )}
              </strong>
            </td>
            <td>{formatPoints(synthesis.weighted.spread)}</td>
          </tr>
          <tr>
            <th scope="row">Recommandation</th>
            {shown.map((e) => (
              <td key={e.id}>{e.recommendation ? OPINION_LABELS[e.recommendation] : "—"}</td>
            ))}
            <td colSpan={2} />
          </tr>
        </Table>
      )}
      {shown.map((e) => (
        <details key={e.id} className="fr-mb-2w">
          <summary>Commentaires de {e.evaluator.name}</summary>
          <ul>
            {criteria.map((c) => (
              <li key={c.id}>
                <strong>{c.label}</strong> :{" "}
                {e.scores.find((s) => s.criterionId === c.id)?.comment || "—"}
              </li>
            ))}
            {e.comment && (
              <li>
                <strong>Commentaire général</strong> : {e.comment}
              </li>
            )}
          </ul>
        </details>
      ))}
    </>
  );
}
