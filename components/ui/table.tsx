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
        {/* Focusable, so that a table wider than the screen scrolls from the keyboard too. */}
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={caption}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>{head}</thead>
              {bodyHtml && typeof children === "string" ? (
                <tbody dangerouslySetInnerHTML={{ __html: children }} />
              ) : (
                <tbody>{children}</tbody>
              )}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
