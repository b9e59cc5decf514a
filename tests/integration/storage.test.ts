import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateBucketCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDiskStorage } from "@/lib/storage/disk";
import { resetStorage, storage } from "@/lib/storage/storage";

// s3rver ships no type declarations: load it through require with the little we use of it.
type S3rverServer = { run(): Promise<AddressInfo>; close(): Promise<void> };
const S3rver = createRequire(import.meta.url)("s3rver") as new (
  options: Record<string, unknown>,
) => S3rverServer;

const ENV_KEYS = [
  "STORAGE_DIR",
  "S3_BUCKET",
  "S3_ENDPOINT",
  "S3_REGION",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "S3_FORCE_PATH_STYLE",
];
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  resetStorage();
});

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** The same contract, whichever backend is configured. */
async function roundTrip() {
  const store = storage();
  const body = randomBytes(300 * 1024);
  const key = "applications/42/piece-1.pdf";

  expect(await store.exists(key)).toBe(false);
  await store.put(key, body, "application/pdf");
  expect(await store.exists(key)).toBe(true);
  expect(sha256(await store.get(key))).toBe(sha256(body));

  const replacement = Buffer.from("%PDF-1.4\nremplacé\n%%EOF\n");
  await store.put(key, replacement, "application/pdf");
  expect(await store.get(key)).toEqual(replacement);

  await store.delete(key);
  expect(await store.exists(key)).toBe(false);
  await expect(store.get(key)).rejects.toMatchObject({ code: "NOT_FOUND" });
  await store.delete(key); // deleting twice is not an error
}

const ESCAPING_KEYS = [
  "../outside.txt",
  "a/../../outside.txt",
  "/etc/passwd",
  "a//b",
  "a/./b",
  "a\\..\\b",
  "..",
  ".",
  "",
  "a b",
  "é.pdf",
  "a/%2e%2e/b?x",
];

describe("disk storage", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "storage-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("stores, reads, replaces and deletes files under STORAGE_DIR, leaving no temporary file", async () => {
    process.env.STORAGE_DIR = path.join(root, "files");
    await roundTrip();
    await storage().put("calls/1/reglement.pdf", Buffer.from("x"), "application/pdf");
    expect(await readdir(path.join(root, "files/calls/1"))).toEqual(["reglement.pdf"]);
  });

  it("refuses every key that could leave STORAGE_DIR, before touching the disk", async () => {
    process.env.STORAGE_DIR = path.join(root, "jail");
    for (const key of ESCAPING_KEYS) {
      await expect(storage().put(key, Buffer.from("x"), "text/plain"), key).rejects.toThrow(
        /Clé de stockage invalide/,
      );
      await expect(storage().get(key), key).rejects.toThrow(/Clé de stockage invalide/);
      await expect(storage().exists(key), key).rejects.toThrow(/Clé de stockage invalide/);
      await expect(storage().delete(key), key).rejects.toThrow(/Clé de stockage invalide/);
    }
    expect((await readdir(root)).sort()).toEqual(["files"]);
  });

  it("keeps paths inside its root even when used without the key check", async () => {
    const disk = createDiskStorage(path.join(root, "jail"));
    await expect(disk.put("../outside.txt", Buffer.from("x"), "text/plain")).rejects.toThrow(
      /Clé de stockage invalide/,
    );
    await expect(disk.get("/etc/passwd")).rejects.toThrow(/Clé de stockage invalide/);
    expect((await readdir(root)).sort()).toEqual(["files"]);
  });
});

describe("S3 storage against s3rver", () => {
  let server: S3rverServer;
  let directory: string;
  let endpoint: string;
  const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }; // s3rver's built-in account

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), "s3rver-"));
    server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory });
    endpoint = `http://127.0.0.1:${(await server.run()).port}`;
    const admin = new S3Client({
      endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials,
    });
    await admin.send(new CreateBucketCommand({ Bucket: "dossiers" }));
  });
  afterAll(async () => {
    await server?.close();
    await rm(directory, { recursive: true, force: true });
  });

  function configureS3() {
    Object.assign(process.env, {
      S3_BUCKET: "dossiers",
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
  }

  it("returns the very bytes it was given, and keeps the content type", async () => {
    configureS3();
    await roundTrip();

    await storage().put(
      "exports/synthese.xlsx",
      Buffer.from("PK"),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const admin = new S3Client({
      endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials,
    });
    const head = await admin.send(
      new HeadObjectCommand({ Bucket: "dossiers", Key: "exports/synthese.xlsx" }),
    );
    expect(head.ContentType).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
  });

  it("refuses invalid keys with S3 too", async () => {
    configureS3();
    await expect(storage().put("../x", Buffer.from("x"), "text/plain")).rejects.toThrow(
      /Clé de stockage invalide/,
    );
  });
});
