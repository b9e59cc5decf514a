import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { AcceptInvitationButton } from "@/components/applications/accept-invitation";
import { getInvitation } from "@/lib/applications/data";
import { requireSpace } from "@/lib/auth/session";

export const metadata = { title: "Invitation à un dossier" };

export default async function InvitationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireSpace("space.applicant", `/mes-dossiers/invitations/${id}`);
  const invitation = await getInvitation(actor, id);
  return (
    <div className="fr-container fr-py-6w">
      <h1>Invitation à compléter un dossier</h1>
      {invitation ? (
        <>
          <p>
            {invitation.application.owner.name} vous invite à compléter le dossier «{" "}
            {invitation.application.title} ».
          </p>
          <AcceptInvitationButton invitationId={invitation.id} />
        </>
      ) : (
        <Alert
          severity="warning"
          as="h2"
          small={false}
          title="Invitation introuvable"
          description="Cette invitation n'existe pas ou a été envoyée à une autre adresse : connectez-vous avec l'adresse e-mail qui a reçu l'invitation."
        />
      )}
    </div>
  );
}
