// The statistics of a call (national or one region): dossiers per region and territory type, amounts
// requested against the envelope, the funnel from draft to payment; then the exports the actor may run.
import { BarChart } from "@/components/statistics/bar-chart";
import { Table } from "@/components/ui/table";
import { DATASET_LABELS, DATASETS } from "@/lib/exports/columns";
import { formatEuros } from "@/lib/format";
import { TERRITORY_LABELS } from "@/lib/poles/labels";
import type { CallStatistics } from "@/lib/statistics/data";
import { TERRITORY_ORDER } from "@/lib/statistics/funnel";

export function CallStatisticsView({
  stats,
  regional,
  callSlug,
  canExport,
}: {
  stats: CallStatistics;
  regional: boolean;
  callSlug: string;
  canExport: boolean;
}) {
  const a = stats.amounts;
  return (
    <>
      <h2>Parcours des dossiers</h2>
      <BarChart
        title="Du brouillon au versement"
        description={`Nombre de dossiers à chaque étape : ${stats.funnel.map((s) => `${s.label} ${s.count}`).join(", ")}.`}
        unit="Dossiers"
        bars={stats.funnel.map((s) => ({ label: s.label, value: s.count }))}
      />
      <h2>Montants</h2>
      <BarChart
        title={
          regional
            ? "Montants de la région au regard de l'enveloppe nationale"
            : "Montants au regard de l'enveloppe"
        }
        description={`Enveloppe ${formatEuros(a.envelopeCents)}, demandé ${formatEuros(a.requestedCents)}, attribué ${formatEuros(a.awardedCents)}, versé ${formatEuros(a.paidCents)}.`}
        unit="Montant"
        bars={[
          {
            label: "Enveloppe de l'appel",
            value: a.envelopeCents,
            display: formatEuros(a.envelopeCents),
          },
          {
            label: "Montants demandés (dossiers déposés)",
            value: a.requestedCents,
            display: formatEuros(a.requestedCents),
          },
          {
            label: "Montants attribués (lauréats)",
            value: a.awardedCents,
            display: formatEuros(a.awardedCents),
          },
          { label: "Montants versés", value: a.paidCents, display: formatEuros(a.paidCents) },
        ]}
      />
      <h2>
        Dossiers déposés par {regional ? "type de territoire" : "région et type de territoire"}
      </h2>
      <BarChart
        title="Dossiers déposés par type de territoire"
        description={stats.byTerritory
          .map((t) => `${TERRITORY_LABELS[t.territory]} : ${t.count}`)
          .join(", ")}
        unit="Dossiers"
        bars={stats.byTerritory.map((t) => ({
          label: TERRITORY_LABELS[t.territory],
          value: t.count,
        }))}
      />
      {!regional && (
        <>
          <BarChart
            title="Dossiers déposés par région"
            description={
              stats.byRegion.length
                ? stats.byRegion.map((r) => `${r.name} : ${r.total}`).join(", ")
                : "Aucun dossier déposé."
            }
            unit="Dossiers"
            bars={stats.byRegion.map((r) => ({ label: r.name, value: r.total }))}
          />
          {stats.byRegion.length > 0 && (
            <Table
              caption="Dossiers déposés par région et type de territoire"
              head={
                <tr>
                  <th scope="col">Région</th>
                  {TERRITORY_ORDER.map((t) => (
                    <th scope="col" key={t}>
                      {TERRITORY_LABELS[t]}
                    </th>
                  ))}
                  <th scope="col">Total</th>
                </tr>
              }
            >
              {stats.byRegion.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{r.name}</th>
                  {TERRITORY_ORDER.map((t) => (
                    <td key={t}>{r.counts[t]}</td>
                  ))}
                  <td>{r.total}</td>
                </tr>
              ))}
            </Table>
          )}
        </>
      )}
      {canExport && (
        <>
          <h2>Exports</h2>
          <p className="fr-text--sm">
            Limités à ce que votre rôle permet de voir. CSV pour Excel (séparateur « ; », UTF-8) ou
            classeur XLSX.
          </p>
          <ul>
            {DATASETS.map((d) => (
              <li key={d}>
                {DATASET_LABELS[d]} :{" "}
                <a
                  className="fr-link"
                  href={`/api/exports/${d}?appel=${encodeURIComponent(callSlug)}&format=csv`}
                  download
                >
                  CSV<span className="fr-sr-only"> ({DATASET_LABELS[d]})</span>
                </a>{" "}
                ·{" "}
                <a
                  className="fr-link"
                  href={`/api/exports/${d}?appel=${encodeURIComponent(callSlug)}&format=xlsx`}
                  download
                >
                  XLSX<span className="fr-sr-only"> ({DATASET_LABELS[d]})</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
