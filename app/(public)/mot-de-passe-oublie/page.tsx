import { EmailRequestForm } from "@/components/auth/email-request-form";
import { requestPasswordResetAction } from "@/lib/users/actions";

export const metadata = { title: "Mot de passe oublié" };

export default function ForgotPasswordPage() {
  return (
    <div className="fr-container fr-py-6w">
      <div className="mx-auto max-w-xl">
        <h1>Mot de passe oublié</h1>
        <p>
          Indiquez l&apos;adresse e-mail de votre compte : nous vous enverrons un lien pour choisir
          un nouveau mot de passe.
        </p>
        <EmailRequestForm
          submit={requestPasswordResetAction}
          submitLabel="Recevoir un lien"
          doneText="Si un compte existe avec cette adresse, un e-mail vient de lui être envoyé. Le lien est valable une heure."
        />
      </div>
    </div>
  );
}
