import Button from "@codegouvfr/react-dsfr/Button";

export const metadata = { title: "Page non trouvée" };

export default function NotFound() {
  return (
    <div className="fr-container fr-py-6w">
      <p className="fr-text--sm fr-mb-1w">Erreur 404</p>
      <h1>Page non trouvée</h1>
      <p className="fr-text--lead">Cette page n&apos;existe pas ou vous n&apos;y avez pas accès.</p>
      <p>
        Si vous avez tapé l&apos;adresse, vérifiez-la. Si vous y accédez depuis un autre compte ou
        un autre rôle, connectez-vous avec le compte qui convient.
      </p>
      <Button linkProps={{ href: "/" }}>Retour à l&apos;accueil</Button>
    </div>
  );
}
