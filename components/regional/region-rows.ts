// The rows of the region's table. A large region shows 500 dossiers on one page: built as React elements,
// each cell would be rendered to HTML and serialised again for the browser (ten times slower); written as
// one HTML string, the string itself was sent twice (in the page and in React's payload, 750 kB). So the
// server sends the rows once as compact text (`encodeRegionRows`: the values only, already escaped), and
// the same pure function writes the HTML from it on the server, for the page, and in the browser, where
// React finds that HTML already there (components/regional/region-rows-body.tsx). The markup is the one
// the table had as elements (same cells, headers and classes). No server resource: both sides import it.
import { STATUS_LABELS, STATUS_SEVERITY } from "@/lib/applications/status";
import type { ApplicationStatus, TerritoryType } from "@/lib/generated/prisma/enums";
import { TERRITORY_LABELS } from "@/lib/poles/labels";
import type { RegionRow } from "@/lib/regional/data";
import { formatMeanSd, formatPoints, OPINION_LABELS } from "@/lib/regional/labels";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  // the separators of the compact text, never left inside a value
  "|": "&#124;",
  "\n": "&#10;",
};
const escapeHtml = (text: string) => text.replace(/[&<>"'|\n]/g, (c) => ESCAPES[c]!);
const FIELD = "|";
const ROW = "\n";
// Statuses and territories by their position in these lists, the same on both sides (a digit, not a name).
const STATUSES = Object.keys(STATUS_LABELS) as ApplicationStatus[];
const TERRITORIES = Object.keys(TERRITORY_LABELS) as TerritoryType[];

/**
 * The rows as compact text: one line per dossier, its values separated by `|`, each escaped for HTML
 * (the separators included). Scores only when `showScores`: one value per criterion, then the total,
 * the divergence flag and the opinion.
 */
export function encodeRegionRows(
  rows: RegionRow[],
  criterionIds: string[],
  showScores: boolean,
): string {
  return rows
    .map((r) =>
      [
        r.id,
        escapeHtml(r.reference),
        escapeHtml(r.poleName),
        TERRITORIES.indexOf(r.territoryType),
        STATUSES.indexOf(r.status),
        `${r.submitted}/${r.assigned}`,
        ...(showScores ? [scoreFields(r.scores, criterionIds), opinionText(r.opinion)] : []),
        escapeHtml(r.next.label),
        r.next.mine ? "1" : "",
      ].join(FIELD),
    )
    .join(ROW);
}

const opinionText = (o: RegionRow["opinion"]) =>
  escapeHtml(o ? `${OPINION_LABELS[o.opinion]}${o.rank ? ` · ${o.rank}` : ""}` : "—");

// A dossier's figures are the same object for everyone until its region changes: encoded once.
const encoded = new WeakMap<NonNullable<RegionRow["scores"]>, string>();

function scoreFields(scores: RegionRow["scores"], criterionIds: string[]): string {
  const kept = scores && encoded.get(scores);
  if (kept) return kept;
  const cells = criterionIds.map((id) => {
    const d = scores?.perCriterion.get(id);
    return escapeHtml(d ? formatMeanSd(d.mean, d.sd) : "—");
  });
  const w = scores?.weighted;
  const total =
    w && w.mean !== null
      ? `${formatPoints(Math.round(w.mean))} ± ${formatPoints(Math.round(w.sd ?? 0))}`
      : "—";
  const fields = [...cells, escapeHtml(total), scores?.disagreement ? "1" : ""].join(FIELD);
  if (scores) encoded.set(scores, fields);
  return fields;
}

/** The HTML of the rows encoded by `encodeRegionRows` (with as many criteria and the same `showScores`). */
export function regionRowsHtml(text: string, criteria: number, showScores: boolean): string {
  if (text === "") return "";
  return text
    .split(ROW)
    .map((line) => rowHtml(line.split(FIELD), criteria, showScores))
    .join("");
}

function rowHtml(f: string[], criteria: number, showScores: boolean): string {
  const [id, reference, poleName, territoryAt, statusAt, progress] = f as [string, ...string[]];
  const territory = TERRITORIES[Number(territoryAt)]!;
  const status = STATUSES[Number(statusAt)]!;
  const cells = [
    `<th scope="row"><a href="/cra/dossiers/${encodeURIComponent(id)}">${reference}</a></th>`,
    `<td>${poleName}<br><span class="fr-text--xs">${escapeHtml(TERRITORY_LABELS[territory])}</span></td>`,
    `<td><p class="fr-badge fr-badge--sm fr-badge--${STATUS_SEVERITY[status]}">${escapeHtml(STATUS_LABELS[status])}</p></td>`,
    `<td>${progress}</td>`,
  ];
  let at = 6;
  if (showScores) {
    for (let i = 0; i < criteria; i++) cells.push(`<td>${f[at++]}</td>`);
    const total = f[at++];
    const flag = f[at++]
      ? `<br><span class="fr-badge fr-badge--warning fr-badge--sm">Divergence</span>`
      : "";
    cells.push(`<td>${total}${flag}</td>`, `<td>${f[at++]}</td>`);
  }
  const next = f[at++];
  cells.push(`<td>${f[at] ? `<strong>${next}</strong>` : next}</td>`);
  return `<tr>${cells.join("")}</tr>`;
}
