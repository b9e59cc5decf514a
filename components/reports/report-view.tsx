// A filed report as read (by the cell, or by the pole once filed).
import { Table } from "@/components/ui/table";
import type { IndicatorReport } from "@/lib/reports/rules";

export function ReportView({
  activity,
  financialSummary,
  indicators,
}: {
  activity: string;
  financialSummary: string;
  indicators: IndicatorReport[];
}) {
  return (
    <div>
      <h3 className="fr-h6">Actions menées</h3>
      <p className="whitespace-pre-line">{activity || "—"}</p>
      {indicators.length > 0 && (
        <Table
          caption="Indicateurs : atteint au regard de la cible"
          head={
            <tr>
              <th scope="col">Indicateur</th>
              <th scope="col">Cible</th>
              <th scope="col">Atteint</th>
            </tr>
          }
        >
          {indicators.map((i, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list rendered as given, never reordered, added to or filtered: its position is its identity
            <tr key={n}>
              <th scope="row">
                {i.label}
                {i.unit ? ` (${i.unit})` : ""}
              </th>
              <td>{i.target || "—"}</td>
              <td>{i.achieved || "—"}</td>
            </tr>
          ))}
        </Table>
      )}
      <h3 className="fr-h6">Bilan financier</h3>
      <p className="whitespace-pre-line">{financialSummary || "—"}</p>
    </div>
  );
}
