import { Footer } from "@codegouvfr/react-dsfr/Footer";

export function SiteFooter() {
  return (
    <Footer
      accessibility="partially compliant"
      contentDescription="Plateforme de l'appel à manifestation d'intérêt « Financer le développement des pôles territoriaux de coopération économique » (PTCE), de la candidature au dernier versement."
      brandTop={
        <>
          RÉPUBLIQUE
          <br />
          FRANÇAISE
        </>
      }
      homeLinkProps={{ href: "/", title: "Accueil - AMI PTCE" }}
      termsLinkProps={{ href: "/mentions-legales" }}
    />
  );
}
