import type { ReactNode } from "react";

/**
 * A DSFR table with a visible caption whose scrolling container (wide tables scroll sideways on small
 * screens) can take the keyboard focus, named by the caption, so that it scrolls without a mouse.
 */
export function WideTable({
  caption,
  head,
  children,
}: {
  caption: string;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="fr-table fr-table--bordered">
      <div className="fr-table__wrapper">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls sideways; the focusable region lets keyboard users scroll it (WCAG 2.1.1, axe scrollable-region-focusable) */}
        <section className="fr-table__container" tabIndex={0} aria-label={caption}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>{head}</thead>
              <tbody>{children}</tbody>
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}
