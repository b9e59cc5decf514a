import Link from "next/link";
import { requireSpace } from "@/lib/auth/session";
import { adminOverview } from "@/lib/users/data";

export const metadata = { title: "Administration" };

export default async function AdminPage() {
  const actor = await requireSpace("space.admin", "/admin");
  const overview = await adminOverview(actor);
  const cards = [
    {
      href: "/admin/appels",
      title: "Appels",
      text: `${overview.calls} appel${overview.calls > 1 ? "s" : ""} : créer, dupliquer, modifier la grille et les dates, changer de phase.`,
    },
    {
      href: "/admin/utilisateurs",
      title: "Utilisateurs et rôles",
      text: `${overview.activeUsers} compte${overview.activeUsers > 1 ? "s" : ""} actif${overview.activeUsers > 1 ? "s" : ""} : inviter, attribuer les rôles, désactiver.`,
    },
    {
      href: "/admin/journal",
      title: "Journal d'audit",
      text: `${overview.auditEvents} événement${overview.auditEvents > 1 ? "s" : ""} : rechercher, vérifier l'intégrité de la chaîne.`,
    },
  ];
  return (
    <div className="fr-pb-6w">
      <h1>Administration</h1>
      {/* biome-ignore lint/a11y/noRedundantRoles: Safari (VoiceOver) drops the list semantics of a list styled list-style: none; role="list" restores it */}
      <ul role="list" className="grid list-none gap-6 p-0 md:grid-cols-3">
        {cards.map((c) => (
          <li key={c.href} className="fr-card fr-enlarge-link">
            <div className="fr-card__body">
              <div className="fr-card__content">
                <h2 className="fr-card__title">
                  <Link href={c.href}>{c.title}</Link>
                </h2>
                <p className="fr-card__desc">{c.text}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
