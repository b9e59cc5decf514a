import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { PasswordChoiceForm } from "@/components/auth/password-choice-form";
import { activateAccountAction } from "@/lib/users/actions";
import { invitationOf } from "@/lib/users/data";

export const metadata = { title: "Activer mon compte" };

export default async function ActivationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 200 ? await invitationOf(token) : null;
  return (
    <div className="fr-container fr-py-6w">
      <div className="mx-auto max-w-xl">
        <h1>Activer mon compte</h1>
        {invitation ? (
          <>
            <p>
              Bonjour {invitation.name}, choisissez le mot de passe de votre compte{" "}
              <strong>{invitation.email}</strong>.
            </p>
            <PasswordChoiceForm
              token={token}
              submit={activateAccountAction}
              submitLabel="Activer mon compte"
              successHref="/connexion?active=1"
            />
          </>
        ) : (
          <Alert
            severity="warning"
            as="h2"
            small={false}
            title="Ce lien n'est plus valide"
            description="Il a déjà servi ou a expiré. Si votre compte n'est pas encore activé, demandez une nouvelle invitation à l'administrateur de la plateforme."
          />
        )}
      </div>
    </div>
  );
}
