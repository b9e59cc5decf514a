"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/admin", label: "Tableau de bord" },
  { href: "/admin/appels", label: "Appels" },
  { href: "/admin/utilisateurs", label: "Utilisateurs" },
  { href: "/admin/envois", label: "Envois" },
  { href: "/admin/journal", label: "Journal d'audit" },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Administration" className="fr-mb-4w">
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {LINKS.map((l) => {
          const current = l.href === "/admin" ? pathname === l.href : pathname.startsWith(l.href);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                className={`fr-btn ${current ? "" : "fr-btn--tertiary"}`}
                aria-current={current ? "page" : undefined}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
