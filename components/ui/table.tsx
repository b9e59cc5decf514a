import type { ReactNode } from "react";

/** A DSFR table with a visible caption (what the table lists), for screen readers and everyone. */
/** `body`: the table's whole <tbody>, given as one element (the region's long list, components/regional/region-rows-body.tsx). */
/** `size="sm"`: the DSFR's narrower cell padding, so that a short table fits a 320 px screen. */
export function Table({
  caption,
  head,
  children,
  body,
  size,
}: {
  caption: string;
  head: ReactNode;
  children?: ReactNode;
  body?: ReactNode;
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
              {body ?? <tbody>{children}</tbody>}
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}
