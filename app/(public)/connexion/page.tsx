import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getActor } from "@/lib/auth/session";
import { homeOf } from "@/lib/auth/spaces";

export const metadata = { title: "Connexion" };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const [{ callbackUrl, error }, actor] = await Promise.all([searchParams, getActor()]);
  if (actor) redirect(homeOf(actor));
  return (
    <div className="fr-container fr-py-6w">
      <div className="mx-auto max-w-xl">
        <h1>Se connecter</h1>
        <p>Connectez-vous avec l&apos;adresse e-mail et le mot de passe de votre compte.</p>
        <SignInForm callbackUrl={callbackUrl ?? null} initialError={error ?? null} />
      </div>
    </div>
  );
}
