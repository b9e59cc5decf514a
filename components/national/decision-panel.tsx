import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { RenounceButton } from "@/components/national/decision-actions";
import { formatDateTime, formatEuros } from "@/lib/format";
import type { getPublishedDecision } from "@/lib/national/data";
import { OUTCOME_TITLES } from "@/lib/national/letters";

type Decision = NonNullable<Awaited<ReturnType<typeof getPublishedDecision>>>;
const SEVERITY = { LAUREATE: "success", RESERVE: "info", NOT_RETAINED: "warning" } as const;

/** The published decision, as the applicant reads it in their dossier, with the letter to download. */
export function DecisionPanel({ applicationId, decision }: { applicationId: string; decision: Decision }) {
  return (
    <section aria-labelledby="decision-titre" className="fr-mb-6w">
      <h2 id="decision-titre">Décision de la cellule nationale</h2>
      <Alert
        severity={decision.withdrawn ? "info" : SEVERITY[decision.outcome]}
        small={false}
        as="h3"
        title={decision.withdrawn ? "Vous avez renoncé à la subvention" : OUTCOME_TITLES[decision.outcome]}
        description={
          <>
            {decision.outcome === "LAUREATE" && decision.amountCents !== null && <p>Subvention attribuée : {formatEuros(decision.amountCents)}.</p>}
            {decision.outcome === "RESERVE" && <p>Rang sur la liste complémentaire : {decision.reserveRank}.</p>}
            <p>Publiée le {formatDateTime(decision.publishedAt)}.</p>
          </>
        }
        className="fr-mb-3w"
      />
      <h3 className="fr-h6">Motifs</h3>
      <div className="fr-mb-3w" style={{ whiteSpace: "pre-line" }}>
        {decision.reasons}
      </div>
      {decision.hasLetter && (
        <p>
          <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/dossiers/${applicationId}/decision`} download>
            Télécharger la lettre de décision (PDF)
          </a>
        </p>
      )}
      {decision.canRenounce && <RenounceButton applicationId={applicationId} />}
    </section>
  );
}
