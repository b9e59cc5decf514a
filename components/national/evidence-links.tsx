import { formatDateTime } from "@/lib/format";

/**
 * The jury's minutes and evidence pack of a call, to download once the decision list is finalised (the route
 * handlers answer 409 before, 404 to anyone outside the national cell).
 */
export function EvidenceLinks({
  callId,
  finalizedAt,
}: {
  callId: string;
  finalizedAt: Date | null;
}) {
  return (
    <section
      aria-labelledby="pieces-du-jury-titre"
      className="fr-mb-4w fr-p-3w fr-background-alt--grey"
    >
      <h2 id="pieces-du-jury-titre" className="fr-h5">
        Procès-verbal et pièces du jury
      </h2>
      {finalizedAt ? (
        <>
          <p className="fr-text--sm">
            Liste arrêtée le {formatDateTime(finalizedAt)}. Le procès-verbal donne les membres ayant
            siégé et leurs déclarations d&apos;intérêts, la méthode et les règles, le classement et
            la ligne de financement, chaque dérogation et sa justification, la liste finale et la
            liste complémentaire. L&apos;archive y ajoute les entrées et les sorties de la sélection
            (CSV et JSON) et leurs empreintes SHA-256, pour que chacun puisse relancer la sélection.
          </p>
          <ul className="fr-mb-0">
            <li>
              <a
                className="fr-link fr-icon-download-line fr-link--icon-left"
                href={`/api/cna/proces-verbal/${encodeURIComponent(callId)}`}
                download
              >
                Télécharger le procès-verbal (PDF)
              </a>
            </li>
            <li>
              <a
                className="fr-link fr-icon-download-line fr-link--icon-left"
                href={`/api/cna/pieces-du-jury/${encodeURIComponent(callId)}`}
                download
              >
                Télécharger les pièces du jury (ZIP)
              </a>
            </li>
          </ul>
        </>
      ) : (
        <p className="fr-mb-0">
          Le procès-verbal et les pièces du jury seront disponibles une fois la liste des décisions
          finalisée.
        </p>
      )}
    </section>
  );
}
