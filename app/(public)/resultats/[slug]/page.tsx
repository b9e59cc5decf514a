import { notFound } from "next/navigation";
import { Table } from "@/components/ui/table";
import { theCall } from "@/lib/calls/title";
import { formatDate, formatEuros, plural } from "@/lib/format";
import { TERRITORY_SHORT_LABELS } from "@/lib/poles/labels";
import { getPublishedResults } from "@/lib/publication/data";
import { SCDL_SCHEMA } from "@/lib/publication/scdl";

export const metadata = { title: "Résultats de l'appel" };

type Props = { params: Promise<{ slug: string }> };

/** The public list of a call's laureates, once its results are published (not found before). */
export default async function ResultsPage({ params }: Props) {
  const { slug } = await params;
  const results = await getPublishedResults(slug);
  if (!results) notFound();
  const { call, laureates, totalCents, openData, openDataGrants } = results;
  const count = laureates.length;
  const file = (format: "csv" | "json") =>
    `/api/donnees-ouvertes/${encodeURIComponent(call.slug)}?format=${format}`;
  return (
    <div className="fr-container fr-py-6w">
      <h1>Résultats de {theCall(call.title)}</h1>
      <p className="fr-text--lead">
        {count === 0 ? "Aucun lauréat" : plural(count, "lauréat")} pour un montant total de{" "}
        {formatEuros(totalCents)}.
      </p>
      <p>
        Résultats publiés le {formatDate(call.resultsPublishedAt)}. Les pôles sont classés par
        région, puis par nom.
      </p>

      <Table
        size="sm"
        caption={`Lauréats de l'appel ${call.year}`}
        head={
          <tr>
            <th scope="col" className="fr-cell--multiline">
              Pôle lauréat et structure porteuse
            </th>
            <th scope="col" className="fr-cell--multiline">
              Région et territoire
            </th>
            <th scope="col" className="fr-cell--right fr-cell--multiline">
              Montant attribué
            </th>
          </tr>
        }
      >
        {laureates.map((l) => (
          <tr key={l.reference}>
            <th scope="row" className="fr-cell--multiline" style={{ fontWeight: 400 }}>
              <span className="fr-text--bold">{l.poleName}</span>
              <br />
              <span className="fr-text--sm">{l.carrierName}</span>
            </th>
            <td className="fr-cell--multiline">
              {l.regionName}
              <br />
              <span className="fr-text--sm">{TERRITORY_SHORT_LABELS[l.territoryType]}</span>
            </td>
            <td className="fr-cell--right whitespace-nowrap">{formatEuros(l.amountCents)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row" colSpan={2} className="fr-cell--multiline">
            Total ({plural(count, "lauréat")})
          </th>
          <td className="fr-cell--right whitespace-nowrap fr-text--bold">
            {formatEuros(totalCents)}
          </td>
        </tr>
      </Table>

      <section aria-labelledby="donnees-ouvertes" className="fr-mt-6w">
        <h2 id="donnees-ouvertes">Données ouvertes</h2>
        <p>
          Les subventions de plus de 23 000 € sont publiées au format national des données
          essentielles des conventions de subvention (schéma{" "}
          <a
            className="fr-link"
            href={SCDL_SCHEMA.url}
            target="_blank"
            rel="noopener noreferrer"
            title={`${SCDL_SCHEMA.title} ${SCDL_SCHEMA.version} - nouvelle fenêtre`}
          >
            {SCDL_SCHEMA.title} {SCDL_SCHEMA.version}
          </a>
          ), dès la contre-signature de leur convention.
        </p>
        {openData ? (
          <ul className="fr-links-group">
            {(["csv", "json"] as const).map((format) => (
              <li key={format}>
                <a className="fr-link fr-link--download" href={file(format)} download>
                  Télécharger les subventions au format {format.toUpperCase()}
                  <span className="fr-link__detail">
                    {format.toUpperCase()} – {plural(openDataGrants, "subvention")}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            Les fichiers seront disponibles dès que l&apos;autorité attribuante aura été renseignée.
          </p>
        )}
      </section>
    </div>
  );
}
