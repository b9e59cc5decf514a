// The rows of the region's table as HTML text. A large region shows 500 dossiers on one page: built as
// React elements, each cell would be rendered to HTML and serialised again for the browser, which made
// the page ten times slower; these rows have no interactivity, so they are written once, every value
// escaped. The markup is the one the table had as elements (same cells, headers and classes).
// A pure function of its rows (no server resource): rendered by the server page app/cra/(liste)/page.tsx.
import { STATUS_LABELS, STATUS_SEVERITY } from "@/lib/applications/status";
import { TERRITORY_LABELS } from "@/lib/poles/labels";
import type { RegionRow } from "@/lib/regional/data";
import { formatMeanSd, formatPoints, OPINION_LABELS } from "@/lib/regional/labels";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function regionRowsHtml(
  rows: RegionRow[],
  criterionIds: string[],
  showScores: boolean,
): string {
  return rows.map((r) => rowHtml(r, criterionIds, showScores)).join("");
}

function rowHtml(r: RegionRow, criterionIds: string[], showScores: boolean): string {
  const cells = [
    `<th scope="row"><a href="/cra/dossiers/${encodeURIComponent(r.id)}">${escapeHtml(r.reference)}</a></th>`,
    `<td>${escapeHtml(r.poleName)}<br><span class="fr-text--xs">${escapeHtml(TERRITORY_LABELS[r.territoryType])}</span></td>`,
    `<td><p class="fr-badge fr-badge--sm fr-badge--${STATUS_SEVERITY[r.status]}">${escapeHtml(STATUS_LABELS[r.status])}</p></td>`,
    `<td>${r.submitted}/${r.assigned}</td>`,
  ];
  if (showScores) {
    cells.push(scoreCells(r.scores, criterionIds));
    cells.push(
      `<td>${escapeHtml(r.opinion ? `${OPINION_LABELS[r.opinion.opinion]}${r.opinion.rank ? ` · ${r.opinion.rank}` : ""}` : "—")}</td>`,
    );
  }
  const next = escapeHtml(r.next.label);
  cells.push(`<td>${r.next.mine ? `<strong>${next}</strong>` : next}</td>`);
  return `<tr>${cells.join("")}</tr>`;
}

// A dossier's figures are the same object for everyone until its region changes: written once.
const written = new WeakMap<NonNullable<RegionRow["scores"]>, string>();

function scoreCells(scores: RegionRow["scores"], criterionIds: string[]): string {
  const kept = scores && written.get(scores);
  if (kept) return kept;
  const cells = criterionIds.map((id) => {
    const d = scores?.perCriterion.get(id);
    return `<td>${escapeHtml(d ? formatMeanSd(d.mean, d.sd) : "—")}</td>`;
  });
  const w = scores?.weighted;
  const total =
    w && w.mean !== null
      ? `${formatPoints(Math.round(w.mean))} ± ${formatPoints(Math.round(w.sd ?? 0))}`
      : "—";
  const flag = scores?.disagreement
    ? `<br><span class="fr-badge fr-badge--warning fr-badge--sm">Divergence</span>`
    : "";
  const html = `${cells.join("")}<td>${escapeHtml(total)}${flag}</td>`;
  if (scores) written.set(scores, html);
  return html;
}
