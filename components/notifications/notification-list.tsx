import { MarkReadButton } from "@/components/notifications/inbox-buttons";
import { formatDateTime } from "@/lib/format";
import type { InboxItem } from "@/lib/notifications/data";

/**
 * The notifications, newest first. An unread one is marked three ways: a blue edge, its title in bold, and the
 * words « Non lue » (read by screen readers too). « Ouvrir » is a plain link to the route that marks it read.
 */
export function NotificationList({ items }: { items: InboxItem[] }) {
  return (
    <ul className="fr-raw-list" aria-label="Vos notifications">
      {items.map((n) => {
        const unread = !n.readAt;
        return (
          <li
            key={n.id}
            className="fr-mb-2w fr-p-2w"
            style={{
              border: "1px solid var(--border-default-grey)",
              borderLeft: unread
                ? "6px solid var(--border-plain-blue-france)"
                : "1px solid var(--border-default-grey)",
              backgroundColor: unread ? "var(--background-alt-blue-france)" : undefined,
            }}
          >
            <p className="fr-text--sm fr-mb-1v flex flex-wrap items-center gap-2">
              <time dateTime={n.createdAt.toISOString()}>{formatDateTime(n.createdAt)}</time>
              {unread ? (
                <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">
                  Non lue
                </span>
              ) : (
                <span className="fr-sr-only">Lue</span>
              )}
            </p>
            <h2 className={`fr-text--md fr-mb-1v ${unread ? "fr-text--bold" : "fr-text--regular"}`}>
              {n.title}
            </h2>
            {n.summary && <p className="fr-text--sm fr-mb-1w">{n.summary}</p>}
            {/* Nothing to do on a read notification without a link: no empty row of actions. */}
            {(n.hasLink || unread) && (
              <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
                {n.hasLink && (
                  // A plain link (not next/link): never prefetched, so that only opening it marks it read.
                  <a
                    href={`/notifications/${n.id}`}
                    className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
                  >
                    Ouvrir<span className="fr-sr-only"> : {n.title}</span>
                  </a>
                )}
                <MarkReadButton id={n.id} title={n.title} unread={unread} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
