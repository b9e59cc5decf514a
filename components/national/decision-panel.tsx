import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { RenounceButton } from "@/components/national/decision-actions";
import { formatDateTime } from "@/lib/format";
import type { PublishedDecision } from "@/lib/national/data";
import { OUTCOME_SEVERITY } from "@/lib/national/labels";
import {
  APPEAL_TITLE,
  amountText,
  appealParagraphs,
  criterionHeading,
  evaluationLines,
  OUTCOME_TITLES,
  PASS_OVER_TITLE,
  REASONS_TITLE,
  RESERVE_RANK_LABEL,
} from "@/lib/national/letters";

type Decision = NonNullable<PublishedDecision>;

/**
 * The published decision, as the applicant reads it in their dossier, with the letter to download: the same
 * elements and sentences as the letter (lib/national/letters.ts).
 */
export function DecisionPanel({
  applicationId,
  decision,
}: {
  applicationId: string;
  decision: Decision;
}) {
  const d = decision.details;
  const amount = amountText({
    outcome: decision.outcome,
    amountCents: decision.amountCents,
    adjusted: d.adjusted,
    proposedAmountCents: d.proposedAmountCents,
  });
  const [intro, ...routes] = appealParagraphs(d.authorName);
  return (
    <section aria-labelledby="decision-titre" className="fr-mb-6w">
      <h2 id="decision-titre">Décision de la cellule nationale</h2>
      <Alert
        severity={decision.withdrawn ? "info" : OUTCOME_SEVERITY[decision.outcome]}
        small={false}
        as="h3"
        title={
          decision.withdrawn
            ? "Vous avez renoncé à la subvention"
            : OUTCOME_TITLES[decision.outcome]
        }
        description={
          <>
            {decision.outcome === "RESERVE" && (
              <p>
                {RESERVE_RANK_LABEL} : {decision.reserveRank}.
              </p>
            )}
            {amount && <p>{amount}.</p>}
            <p>Publiée le {formatDateTime(decision.publishedAt)}.</p>
          </>
        }
        className="fr-mb-3w"
      />
      <h3 className="fr-h6">Évaluation de votre dossier</h3>
      <ul className="fr-mb-3w">
        {evaluationLines(d).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {d.criteria.length > 0 && (
        <>
          <h3 className="fr-h6">Appréciations par critère</h3>
          {d.criteria.map((c) => (
            <div key={c.label} className="fr-mb-2w">
              <p className="fr-text--bold fr-mb-1v">{criterionHeading(c)}</p>
              {c.comments.length > 0 && (
                <ul className="fr-mb-0">
                  {c.comments.map((comment) => (
                    <li key={comment}>{comment}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </>
      )}
      <h3 className="fr-h6">{REASONS_TITLE}</h3>
      <div className="fr-mb-3w" style={{ whiteSpace: "pre-line" }}>
        {decision.reasons}
      </div>
      {decision.outcome !== "LAUREATE" && d.passOverReason && (
        <p className="fr-mb-3w">
          <strong>{PASS_OVER_TITLE} :</strong> {d.passOverReason}
        </p>
      )}
      <h3 className="fr-h6">{APPEAL_TITLE}</h3>
      <p className="fr-mb-1v">{intro}</p>
      <ul className="fr-mb-3w">
        {routes.slice(0, 2).map((r) => (
          <li key={r}>{r.replace(/^– /, "")}</li>
        ))}
      </ul>
      {routes.slice(2).map((r) => (
        <p key={r} className="fr-text--sm">
          {r}
        </p>
      ))}
      {decision.hasLetter ? (
        <p>
          <a
            className="fr-link fr-icon-download-line fr-link--icon-left"
            href={`/api/dossiers/${applicationId}/decision`}
            download
          >
            Télécharger la lettre de décision (PDF)
          </a>
        </p>
      ) : (
        <p className="fr-text--sm">
          La lettre de décision est en cours de préparation : elle sera ici, et envoyée par e-mail,
          dans quelques instants.
        </p>
      )}
      {decision.canRenounce && <RenounceButton applicationId={applicationId} />}
    </section>
  );
}
