import "server-only";
import { createDiskStorage } from "./disk";
import { resetStorageEnv, storageEnv } from "./env";
import { createS3Storage } from "./s3";

/** Where uploaded files are kept. Keys are chosen by the callers (never by the user). */
export interface Storage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Throws AppError NOT_FOUND when the key does not exist. */
  get(key: string): Promise<Buffer>;
  /** Does nothing when the key does not exist. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

// Segments of safe characters joined by "/": no leading "/", no empty segment, no "." or ".." segment,
// so that a key maps to a path inside STORAGE_DIR and to the same object name on every S3 service.
const SEGMENT = /^[a-zA-Z0-9_.-]+$/;
function assertValidKey(key: string): void {
  const segments = key.split("/");
  const valid =
    key.length > 0 &&
    key.length <= 512 &&
    !key.includes("..") &&
    segments.every((s) => SEGMENT.test(s) && s !== ".");
  if (!valid) throw new Error(`Clé de stockage invalide : ${JSON.stringify(key)}`);
}

/** Checks every key before it reaches the backend (async, so a bad key is a rejected promise). */
function withKeyCheck(inner: Storage): Storage {
  return {
    async put(key, body, contentType) {
      assertValidKey(key);
      return inner.put(key, body, contentType);
    },
    async get(key) {
      assertValidKey(key);
      return inner.get(key);
    },
    async delete(key) {
      assertValidKey(key);
      return inner.delete(key);
    },
    async exists(key) {
      assertValidKey(key);
      return inner.exists(key);
    },
  };
}

let instance: Storage | undefined;

/** The configured storage: S3 when S3_BUCKET is set, else the local disk under STORAGE_DIR. */
export function storage(): Storage {
  if (instance) return instance;
  const env = storageEnv();
  const backend = env.S3_BUCKET
    ? createS3Storage({
        bucket: env.S3_BUCKET,
        region: env.S3_REGION,
        endpoint: env.S3_ENDPOINT,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
        credentials:
          env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
            : undefined,
      })
    : createDiskStorage(env.STORAGE_DIR);
  instance = withKeyCheck(backend);
  return instance;
}

/** For tests: the next storage() reads the environment again. */
export function resetStorage(): void {
  instance = undefined;
  resetStorageEnv();
}
