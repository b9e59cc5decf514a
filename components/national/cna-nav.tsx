import Link from "next/link";

const LINKS = [
  { key: "vue", href: "/cna", label: "Vue nationale" },
  { key: "selection", href: "/cna/selection", label: "Sélection sous l'enveloppe" },
  { key: "decisions", href: "/cna/decisions", label: "Décisions" },
  { key: "conventions", href: "/cna/conventions", label: "Conventions et versements" },
  { key: "statistiques", href: "/cna/statistiques", label: "Statistiques et exports" },
  { key: "envois", href: "/cna/envois", label: "Envois" },
] as const;

/** The national cell's pages, keeping the chosen call in the address. */
export function CnaNav({
  current,
  slug,
}: {
  current: (typeof LINKS)[number]["key"];
  slug?: string;
}) {
  return (
    <nav aria-label="Cellule nationale" className="fr-mb-4w">
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        {LINKS.map((l) => (
          <li key={l.key}>
            <Link
              href={slug ? `${l.href}?appel=${encodeURIComponent(slug)}` : l.href}
              className={`fr-btn ${l.key === current ? "" : "fr-btn--tertiary"}`}
              aria-current={l.key === current ? "page" : undefined}
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
