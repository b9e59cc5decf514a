import "server-only";
import { z } from "zod";

// The server's environment, validated on first use (not at import: `next build` needs none of it).
function parse<T extends z.ZodType>(schema: T): z.infer<T> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join(".")} : ${i.message}`).join(" ; ");
    throw new Error(`Configuration invalide (${details}). Lancez le produit avec « npm run demo » ou voyez README.md.`);
  }
  return parsed.data;
}

const databaseSchema = z.object({
  DATABASE_URL: z.url({ message: "attendue sous la forme postgresql://utilisateur:motdepasse@hôte:port/base" }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});
let database: z.infer<typeof databaseSchema> | undefined;
export function databaseEnv() {
  database ??= parse(databaseSchema);
  return database;
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

const mailSchema = z.object({
  SMTP_URL: z.string().optional(), // smtp://user:password@host:587 or smtps://…; unset: mails are written to the server log
  MAIL_FROM: z.string().default("AMI PTCE <ne-pas-repondre@ami-ptce.example>"),
  APP_URL: z.url().optional(), // public address used in links sent by e-mail (default NEXTAUTH_URL)
  NEXTAUTH_URL: z.url().optional(),
});
let mail: z.infer<typeof mailSchema> | undefined;
export function mailEnv() {
  mail ??= parse(mailSchema);
  return mail;
}

/** The public address of the site, for links in e-mails. */
export function appUrl(): string {
  const { APP_URL, NEXTAUTH_URL } = mailEnv();
  return (APP_URL ?? NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "");
}
