"use client";
import Button from "@codegouvfr/react-dsfr/Button";
import { useEffect } from "react";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="fr-container fr-py-6w" role="alert">
      <p className="fr-text--sm fr-mb-1w">Erreur inattendue</p>
      <h1>Un problème est survenu</h1>
      <p className="fr-text--lead">
        Nous n&apos;avons pas pu afficher cette page. Vos données enregistrées ne sont pas perdues.
      </p>
      {error.digest && <p className="fr-text--sm">Référence de l&apos;erreur : {error.digest}</p>}
      <div className="flex flex-wrap gap-4">
        <Button onClick={reset}>Réessayer</Button>
        <Button priority="secondary" linkProps={{ href: "/" }}>
          Retour à l&apos;accueil
        </Button>
      </div>
    </div>
  );
}
