import Button from "@codegouvfr/react-dsfr/Button";
import { CallPresentation } from "@/components/calls/call-presentation";
import { getActor } from "@/lib/auth/session";
import { homeOf } from "@/lib/auth/spaces";
import { getCurrentCall } from "@/lib/calls/data";

export default async function HomePage() {
  const [call, actor] = await Promise.all([getCurrentCall(), getActor()]);
  return (
    <div className="fr-container fr-py-6w">
      {call ? (
        <>
          <CallPresentation call={call} />
          {call.resultsPublishedAt && (
            <p className="fr-mt-5w">
              <a
                className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
                href={`/resultats/${call.slug}`}
              >
                Consulter les résultats de l&apos;appel : la liste des lauréats
              </a>
            </p>
          )}
          <div className="fr-mt-5w">
            {actor ? (
              <Button linkProps={{ href: homeOf(actor) }}>Accéder à mon espace</Button>
            ) : (
              <Button linkProps={{ href: "/connexion" }} iconId="fr-icon-account-circle-line">
                Se connecter pour candidater
              </Button>
            )}
          </div>
        </>
      ) : (
        <>
          <h1>Appel à manifestation d&apos;intérêt PTCE</h1>
          <p>Aucun appel n&apos;est ouvert pour le moment. Revenez prochainement.</p>
        </>
      )}
    </div>
  );
}
