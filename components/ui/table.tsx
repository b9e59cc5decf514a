import type { ReactNode } from "react";

/** A DSFR table with a visible caption (what the table lists), for screen readers and everyone. */
/** `bodyHtml`: the rows come as HTML text already escaped (long read-only lists, see components/regional/region-rows.ts). */
/** `size="sm"`: the DSFR's narrower cell padding, so that a short table fits a 320 px screen. */
export function Table({
  caption,
  head,
  children,
  bodyHtml,
  size,
}: {
  caption: string;
  head: ReactNode;
  children: ReactNode;
  bodyHtml?: boolean;
  size?: "sm";
}) {
  return (
    <div className={`fr-table fr-table--bordered${size ? ` fr-table--${size}` : ""}`}>
      <div className="fr-table__wrapper">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls sideways; the focusable region lets keyboard users scroll it (WCAG 2.1.1, axe scrollable-region-focusable) */}
        <section className="fr-table__container" tabIndex={0} aria-label={caption}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>{head}</thead>
              {bodyHtml && typeof children === "string" ? (
                // biome-ignore lint/security/noDangerouslySetInnerHtml: the rows are written by components/regional/region-rows.ts, every value escaped (escapeHtml); as elements, 500 rows made the page ten times slower
                <tbody dangerouslySetInnerHTML={{ __html: children }} />
              ) : (
                <tbody>{children}</tbody>
              )}
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}
