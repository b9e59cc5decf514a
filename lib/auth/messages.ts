// What the sign-in page says for each failure (shared by the server, which encodes the failure,
// and the page, which shows it).
export const SIGN_IN_ERROR = {
  invalid: "CredentialsSignin",
  locked: "LOCKED",
  unverified: "UNVERIFIED",
} as const;

export function signInErrorMessage(error: string | null | undefined): string | null {
  if (!error) return null;
  if (error.startsWith(`${SIGN_IN_ERROR.locked}:`)) {
    const minutes = Math.max(1, Math.ceil(Number(error.split(":")[1]) / 60));
    return `Trop de tentatives de connexion ont échoué. Par sécurité, la connexion à ce compte est suspendue pendant ${minutes} minute${minutes > 1 ? "s" : ""}. Réessayez ensuite.`;
  }
  if (error === SIGN_IN_ERROR.unverified) {
    return "Votre adresse e-mail n'est pas encore confirmée. Ouvrez le lien reçu par e-mail pour activer votre compte.";
  }
  if (error === SIGN_IN_ERROR.invalid) return "Adresse e-mail ou mot de passe incorrect.";
  return "La connexion a échoué. Réessayez dans un instant.";
}
