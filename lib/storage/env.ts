import "server-only";
import path from "node:path";
import * as z from "@/lib/zod";

// Where uploaded files live, validated on first use (not at import: `next build` needs none of it).
// S3 is chosen as soon as S3_BUCKET is set; otherwise files go to the local disk.
const storageSchema = z
  .object({
    STORAGE_DIR: z.string().min(1).optional(),
    S3_BUCKET: z.string().min(1).optional(),
    S3_ENDPOINT: z
      .url({ message: "attendue sous la forme https://s3.fr-par.scw.cloud" })
      .optional(),
    // Any S3-compatible service accepts us-east-1 when it has no regions of its own (MinIO, s3rver).
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    // Most S3-compatible services (and s3rver) do not resolve bucket sub-domains.
    S3_FORCE_PATH_STYLE: z.stringbool().default(true),
  })
  .refine((env) => !env.S3_ACCESS_KEY_ID === !env.S3_SECRET_ACCESS_KEY, {
    message:
      "S3_ACCESS_KEY_ID et S3_SECRET_ACCESS_KEY vont ensemble (ou aucun des deux, pour les identifiants de la machine)",
    path: ["S3_SECRET_ACCESS_KEY"],
  });

export type StorageEnv = z.infer<typeof storageSchema> & { STORAGE_DIR: string };

let cached: StorageEnv | undefined;

export function storageEnv(): StorageEnv {
  if (cached) return cached;
  const parsed = storageSchema.safeParse(process.env);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((i) => `${i.path.join(".")} : ${i.message}`)
      .join(" ; ");
    throw new Error(`Configuration invalide (${details}). Voyez README.md.`);
  }
  // Relative to the project root (the working directory of `next start` and of the tests).
  cached = {
    ...parsed.data,
    STORAGE_DIR: path.resolve(/*turbopackIgnore: true*/ parsed.data.STORAGE_DIR ?? ".data/files"),
  };
  return cached;
}

/** Forgets the parsed environment, so that tests can switch backends. */
export function resetStorageEnv(): void {
  cached = undefined;
}
