import "server-only";
import {
  defaultSecurityContact,
  isWithinAYear,
  MAX_EXPIRY_DAYS,
  parseSecurityContacts,
} from "@/lib/site/security-txt";
import { parisEndOfDay } from "@/lib/time";
import * as z from "@/lib/zod";

// The server's environment, validated on first use (not at import: `next build` needs none of it).
function parse<T extends z.ZodType>(schema: T): z.infer<T> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((i) => `${i.path.join(".")} : ${i.message}`)
      .join(" ; ");
    throw new Error(
      `Configuration invalide (${details}). Lancez le produit avec « npm run demo » ou voyez README.md.`,
    );
  }
  return parsed.data;
}

const databaseSchema = z.object({
  DATABASE_URL: z.url({
    message: "attendue sous la forme postgresql://utilisateur:motdepasse@hôte:port/base",
  }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});
let database: z.infer<typeof databaseSchema> | undefined;
export function databaseEnv() {
  database ??= parse(databaseSchema);
  return database;
}

/** For tests: read DATABASE_URL again (a test pointing the product at a database of its own; disconnect() first). */
export function resetDatabaseEnv(): void {
  database = undefined;
}

const authSchema = z.object({
  NEXTAUTH_SECRET: z.string().min(32, { message: "au moins 32 caractères aléatoires" }),
  NEXTAUTH_URL: z.url().optional(),
});
let auth: z.infer<typeof authSchema> | undefined;
export function authEnv() {
  auth ??= parse(authSchema);
  return auth;
}

const DEFAULT_MAIL_FROM = "AMI PTCE <ne-pas-repondre@ami-ptce.example>";

const mailSchema = z.object({
  // smtp://user:password@host:587 or smtps://…; unset: mails are written to the server log
  SMTP_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || isSmtpUrl(v), {
      message: "attendue sous la forme smtp://utilisateur:motdepasse@hôte:587 ou smtps://hôte:465",
    }),
  MAIL_FROM: z.string().default(DEFAULT_MAIL_FROM),
  APP_URL: z.url().optional(), // public address used in links sent by e-mail (default NEXTAUTH_URL)
  NEXTAUTH_URL: z.url().optional(),
});
function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}
let mail: z.infer<typeof mailSchema> | undefined;
export function mailEnv() {
  mail ??= parse(mailSchema);
  return mail;
}

/** For tests: read the mail settings again (a test's SMTP catcher changes SMTP_URL). */
export function resetMailEnv(): void {
  mail = undefined;
}

/** Whether the site is served over https: its cookies are then Secure, with the `__Host-` prefix. */
export function servedOverHttps(): boolean {
  return appUrl().startsWith("https:");
}

/** The public address of the site, for links in e-mails. */
export function appUrl(): string {
  const { APP_URL, NEXTAUTH_URL } = mailEnv();
  return (APP_URL ?? NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
}

// /.well-known/security.txt (RFC 9116): who receives the reports of vulnerabilities, and until when the file holds.
const securitySchema = z
  .object({
    // one or several, separated by commas: mailto:…, https://…, tel:… or a bare e-mail address
    SECURITY_CONTACT: z.string().trim().optional(),
    // YYYY-MM-DD (the end of that day in Paris) or an ISO 8601 instant; unset: 180 days after the current day
    SECURITY_TXT_EXPIRES: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
    MAIL_FROM: z.string().default(DEFAULT_MAIL_FROM),
  })
  .transform(({ SECURITY_CONTACT, SECURITY_TXT_EXPIRES, MAIL_FROM }, ctx) => {
    const contacts = SECURITY_CONTACT
      ? parseSecurityContacts(SECURITY_CONTACT)
      : [defaultSecurityContact(MAIL_FROM)].filter((c) => c !== null);
    if (!contacts?.length) {
      ctx.addIssue({
        code: "custom",
        path: ["SECURITY_CONTACT"],
        message: SECURITY_CONTACT
          ? "attendu : mailto:adresse, https://… ou tel:…, séparés par des virgules"
          : "à renseigner (MAIL_FROM ne donne pas de domaine pour securite@…)",
      });
      return z.NEVER;
    }
    let expires: Date | null = null;
    if (SECURITY_TXT_EXPIRES) {
      expires = /^\d{4}-\d{2}-\d{2}$/.test(SECURITY_TXT_EXPIRES)
        ? parisEndOfDay(SECURITY_TXT_EXPIRES)
        : new Date(SECURITY_TXT_EXPIRES);
      if (!isWithinAYear(expires, new Date())) {
        ctx.addIssue({
          code: "custom",
          path: ["SECURITY_TXT_EXPIRES"],
          message: `au plus ${MAX_EXPIRY_DAYS} jours après aujourd'hui (RFC 9116)`,
        });
        return z.NEVER;
      }
    }
    return { contacts, expires };
  });
let security: z.infer<typeof securitySchema> | undefined;
export function securityEnv() {
  security ??= parse(securitySchema);
  return security;
}
