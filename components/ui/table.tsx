import type { ReactNode } from "react";

/** A DSFR table with a visible caption (what the table lists), for screen readers and everyone. */
export function Table({ caption, head, children }: { caption: string; head: ReactNode; children: ReactNode }) {
  return (
    <div className="fr-table fr-table--bordered">
      <div className="fr-table__wrapper">
        {/* Focusable, so that a table wider than the screen scrolls from the keyboard too. */}
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={caption}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>{head}</thead>
              <tbody>{children}</tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
