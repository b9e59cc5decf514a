import { ConfirmEmailButton } from "@/components/auth/confirm-email-button";

export const metadata = { title: "Confirmer mon adresse e-mail" };

// The link does not confirm by itself (mail scanners open links): the person presses the button.
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <div className="fr-container fr-py-6w">
      <div className="mx-auto max-w-xl">
        <h1>Confirmer mon adresse e-mail</h1>
        <p>Confirmez votre adresse pour activer votre compte de porteur de projet.</p>
        <ConfirmEmailButton token={token} />
      </div>
    </div>
  );
}
