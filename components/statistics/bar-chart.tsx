// A horizontal bar chart drawn as SVG on the server: an image with its title and description for
// screen readers, and the same figures in a table beside it (the accessible alternative).
import { useId } from "react";
import { Table } from "@/components/ui/table";

export type Bar = { label: string; value: number; display?: string };

export function BarChart({
  title,
  description,
  bars,
  unit,
}: {
  title: string;
  description: string;
  bars: Bar[];
  unit: string;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 28;
  const labelWidth = 260;
  const width = 720;
  const plot = width - labelWidth - 110;
  const height = bars.length * row + 10;
  return (
    <figure className="fr-mb-4w">
      <svg
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width }}
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {bars.map((b, i) => {
          const y = i * row + 5;
          const w = Math.round((b.value / max) * plot);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list rendered as given, never reordered, added to or filtered: its position is its identity
            <g key={i}>
              <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="13" fill="#161616">
                {b.label.length > 36 ? `${b.label.slice(0, 35)}…` : b.label}
              </text>
              <rect
                x={labelWidth}
                y={y + 4}
                width={Math.max(w, b.value > 0 ? 2 : 0)}
                height={row - 10}
                fill="#000091"
              />
              <text x={labelWidth + w + 6} y={y + 17} fontSize="13" fill="#161616">
                {b.display ?? b.value}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="fr-mt-1w">
        <summary>Données du graphique « {title} »</summary>
        <Table
          caption={title}
          head={
            <tr>
              <th scope="col">Libellé</th>
              <th scope="col">{unit}</th>
            </tr>
          }
        >
          {bars.map((b, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list rendered as given, never reordered, added to or filtered: its position is its identity
            <tr key={i}>
              <th scope="row">{b.label}</th>
              <td>{b.display ?? b.value}</td>
            </tr>
          ))}
        </Table>
      </details>
    </figure>
  );
}
