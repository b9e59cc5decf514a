// What the sign-in page says for each failure (shared by the server, which encodes the failure,
// and the page, which shows it).
export const SIGN_IN_ERROR = {
  invalid: "CredentialsSignin",
  locked: "LOCKED",
  lockedAccount: "LOCKED_ACCOUNT",
  unverified: "UNVERIFIED",
} as const;

export function signInErrorMessage(error: string | null | undefined): string | null {
  if (!error) return null;
  const [code, seconds] = error.split(":");
  const minutes = Math.max(1, Math.ceil(Number(seconds) / 60));
  const during = `${minutes} minute${minutes > 1 ? "s" : ""}`;
  if (code === SIGN_IN_ERROR.locked)
    return `Trop de tentatives de connexion ont échoué depuis cet appareil ou ce réseau. Par sécurité, la connexion à ce compte est suspendue ici pendant ${during}. Réessayez ensuite, ou choisissez un nouveau mot de passe avec « Mot de passe oublié ».`;
  if (code === SIGN_IN_ERROR.lockedAccount)
    return `De nombreuses tentatives de connexion à ce compte ont échoué. Par sécurité, il ne s'ouvre pendant ${during} que depuis un appareil où vous vous êtes déjà connecté. Pour le débloquer dès maintenant, choisissez un nouveau mot de passe avec « Mot de passe oublié » : le lien envoyé par e-mail lève le blocage.`;
  if (error === SIGN_IN_ERROR.unverified) {
    return "Votre adresse e-mail n'est pas encore confirmée. Ouvrez le lien reçu par e-mail pour activer votre compte.";
  }
  if (error === SIGN_IN_ERROR.invalid) return "Adresse e-mail ou mot de passe incorrect.";
  return "La connexion a échoué. Réessayez dans un instant.";
}
