import { Alert } from "@codegouvfr/react-dsfr/Alert";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getActor } from "@/lib/auth/session";
import { homeOf } from "@/lib/auth/spaces";

export const metadata = { title: "Connexion" };

type Props = {
  searchParams: Promise<{
    callbackUrl?: string;
    error?: string;
    active?: string;
    reinitialise?: string;
  }>;
};

export default async function SignInPage({ searchParams }: Props) {
  const [{ callbackUrl, error, active, reinitialise }, actor] = await Promise.all([
    searchParams,
    getActor(),
  ]);
  if (actor) redirect(homeOf(actor));
  return (
    <div className="fr-container fr-py-6w">
      <div className="mx-auto max-w-xl">
        <h1>Se connecter</h1>
        {active && (
          <Alert
            severity="success"
            as="h2"
            role="status"
            small={false}
            className="fr-mb-3w"
            title="Compte activé"
            description="Vous pouvez maintenant vous connecter avec votre mot de passe."
          />
        )}
        {reinitialise && (
          <Alert
            severity="success"
            as="h2"
            role="status"
            small={false}
            className="fr-mb-3w"
            title="Mot de passe enregistré"
            description="Connectez-vous avec votre nouveau mot de passe."
          />
        )}
        <p>Connectez-vous avec l&apos;adresse e-mail et le mot de passe de votre compte.</p>
        <SignInForm callbackUrl={callbackUrl ?? null} initialError={error ?? null} />
        <ul className="fr-mt-4w">
          <li>
            <Link href="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
          </li>
          <li>
            Porteur de projet sans compte ? <Link href="/inscription">Créer un compte</Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
