import { PasswordChoiceForm } from "@/components/auth/password-choice-form";
import { resetPasswordAction } from "@/lib/users/actions";

export const metadata = { title: "Nouveau mot de passe" };

export default async function ResetPasswordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  return (
    <div className="fr-container fr-py-6w">
      <div className="mx-auto max-w-xl">
        <h1>Choisir un nouveau mot de passe</h1>
        <p>Vos autres sessions ouvertes seront fermées.</p>
        <PasswordChoiceForm
          token={token}
          submit={resetPasswordAction}
          submitLabel="Enregistrer le mot de passe"
          successHref="/connexion?reinitialise=1"
        />
      </div>
    </div>
  );
}
