// What a real production start lacks, one French line each: `npm start` (scripts/server.ts) and
// `npm run worker` refuse to start with any. No "server-only": the production server reads it before Next.js.

const PROXY_HOPS = /^(?:[0-9]|10)$/;

/**
 * The problems of a production configuration. Off outside production and for the local runs of the
 * production build (LOCAL_RUN=yes, set by the demo, the e2e tests and the bench: http, no SMTP, one disk).
 */
export function productionConfigurationProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.NODE_ENV !== "production" || env.LOCAL_RUN === "yes") return [];
  const problems: string[] = [];
  if (!env.DATABASE_URL)
    problems.push("DATABASE_URL est requis : l'adresse postgresql:// de la base du service.");
  if (!isStrongSecret(env.NEXTAUTH_SECRET))
    problems.push(
      "NEXTAUTH_SECRET doit compter au moins 32 caractères aléatoires (par exemple la sortie de « openssl rand -base64 32 »).",
    );
  if (!env.APP_URL || !URL.canParse(env.APP_URL) || new URL(env.APP_URL).protocol !== "https:")
    problems.push(
      `APP_URL doit être l'adresse publique du service en https (reçu : ${env.APP_URL ? `« ${env.APP_URL} »` : "rien"}).`,
    );
  if (!env.SMTP_URL)
    problems.push(
      "SMTP_URL est requis : sans serveur SMTP, les e-mails promis aux personnes ne partiraient pas.",
    );
  if (!env.S3_BUCKET && !env.STORAGE_DIR)
    problems.push(
      "S3_BUCKET (ou STORAGE_DIR, un dossier partagé par toutes les instances) est requis : le dossier par défaut n'est vu que d'une instance.",
    );
  if (env.TRUSTED_PROXY_HOPS !== undefined && !PROXY_HOPS.test(env.TRUSTED_PROXY_HOPS))
    problems.push(
      `TRUSTED_PROXY_HOPS doit être un nombre entier de 0 à 10 (reçu : « ${env.TRUSTED_PROXY_HOPS} »).`,
    );
  return problems;
}

/** 32 characters at least, and not a word repeated: at least 16 different characters. */
function isStrongSecret(secret: string | undefined): boolean {
  return !!secret && secret.length >= 32 && new Set(secret).size >= 16;
}

/** Stops the process with one line per problem when the production configuration is incomplete. */
export function exitOnProductionConfigurationProblems(): void {
  const problems = productionConfigurationProblems();
  if (problems.length === 0) return;
  for (const problem of problems) console.error(`Configuration de production : ${problem}`);
  process.exit(1);
}
