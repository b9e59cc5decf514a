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
