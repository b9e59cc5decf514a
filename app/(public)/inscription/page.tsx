import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata = { title: "Créer un compte" };

export default function SignUpPage() {
  return (
    <div className="fr-container fr-py-6w">
      <div className="mx-auto max-w-xl">
        <h1>Créer un compte de porteur de projet</h1>
        <p>
          Ce compte vous permet de présenter votre pôle, de déposer un dossier de candidature et
          d&apos;en suivre l&apos;instruction.
        </p>
        <SignUpForm />
        <p className="fr-mt-4w">
          Vous avez déjà un compte ? <Link href="/connexion">Se connecter</Link>
        </p>
      </div>
    </div>
  );
}
