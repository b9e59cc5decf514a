import { Alert } from "@codegouvfr/react-dsfr/Alert";
import Link from "next/link";
import { MarkAllReadButton } from "@/components/notifications/inbox-buttons";
import { NotificationList } from "@/components/notifications/notification-list";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/session";
import { plural } from "@/lib/format";
import { listNotifications, unreadNotificationCount } from "@/lib/notifications/data";
import { parsePage } from "@/lib/pagination";

export const metadata = { title: "Notifications" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function NotificationsPage({ searchParams }: Props) {
  const actor = await requireActor("/notifications");
  const params = await searchParams;
  const unreadOnly = params.filtre === "non-lues";
  const [list, unread] = await Promise.all([
    listNotifications(actor, { unread: unreadOnly }, parsePage(params, 20)),
    unreadNotificationCount(actor),
  ]);
  const filters = [
    { href: "/notifications", label: "Toutes", current: !unreadOnly },
    { href: "/notifications?filtre=non-lues", label: `Non lues (${unread})`, current: unreadOnly },
  ];
  return (
    <div className="fr-container fr-py-6w max-w-3xl">
      <h1 tabIndex={-1}>Notifications</h1>
      <p>
        Les messages que la plateforme vous adresse : décisions, échéances, demandes et messages sur
        vos dossiers. Ils vous sont aussi envoyés par e-mail, sauf ceux que vous avez choisi de ne
        plus recevoir ainsi dans <Link href="/mon-compte#preferences">Mon compte</Link>.
      </p>
      {params.introuvable && (
        <Alert
          severity="warning"
          small
          description="Cette notification n'existe pas ou ne vous est pas adressée."
          className="fr-mb-3w"
        />
      )}
      <p className="fr-mb-2w">
        {unread === 0
          ? "Vous n'avez aucune notification non lue."
          : `Vous avez ${plural(unread, "notification non lue", "notifications non lues")}.`}
      </p>
      <nav aria-label="Afficher les notifications">
        <ul className="fr-tags-group">
          {filters.map((f) => (
            <li key={f.href}>
              <Link
                href={f.href}
                className="fr-tag"
                aria-current={f.current ? "page" : undefined}
                style={
                  f.current
                    ? {
                        backgroundColor: "var(--background-action-high-blue-france)",
                        color: "var(--text-inverted-blue-france)",
                      }
                    : undefined
                }
              >
                {f.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <MarkAllReadButton unread={unread} />
      {list.total === 0 ? (
        <p className="fr-p-3w fr-background-alt--grey">
          {unreadOnly
            ? "Vous avez lu toutes vos notifications."
            : "Aucune notification pour le moment."}
        </p>
      ) : (
        <NotificationList items={list.items} />
      )}
      <Pager
        page={list.page}
        pageCount={list.pageCount}
        basePath="/notifications"
        params={unreadOnly ? { filtre: "non-lues" } : {}}
      />
    </div>
  );
}
