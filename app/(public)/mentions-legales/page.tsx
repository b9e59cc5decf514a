export const metadata = { title: "Mentions légales" };

export default function LegalNoticePage() {
  return (
    <div className="fr-container fr-py-6w">
      <h1>Mentions légales</h1>
      <p>
        Cette plateforme est éditée pour le compte du ministère de l&apos;Économie, des Finances et
        de la Souveraineté industrielle et numérique (direction générale du Trésor) afin
        d&apos;instruire l&apos;appel à manifestation d&apos;intérêt « Financer le développement des
        PTCE ».
      </p>
      <h2>Données personnelles</h2>
      <p>
        Les données saisies servent exclusivement à l&apos;instruction des candidatures, à la
        gestion des conventions et des versements. Elles sont accessibles aux seules personnes
        habilitées : le porteur du dossier, la cellule régionale de sa région et la cellule
        nationale.
      </p>
      <h2>Accessibilité</h2>
      <p>
        Cette plateforme vise la conformité au référentiel général d&apos;amélioration de
        l&apos;accessibilité (RGAA).
      </p>
    </div>
  );
}
