import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { notFound } from "@/lib/errors";
import type { Storage } from "./storage";

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

/** Files under `root`, one file per key (the content type is kept by the caller, in the database). */
export function createDiskStorage(root: string): Storage {
  const base = path.resolve(root);

  // Second line of defence after the key check: whatever the key, the path stays under `base`.
  function fileFor(key: string): string {
    const file = path.resolve(base, key);
    if (!file.startsWith(base + path.sep))
      throw new Error(`Clé de stockage invalide : ${JSON.stringify(key)}`);
    return file;
  }

  return {
    async put(key, body) {
      const file = fileFor(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written beside the target then renamed: a reader never sees half a file, even after a crash.
      const temp = `${file}.${randomUUID()}.tmp`;
      try {
        const handle = await open(temp, "wx");
        try {
          await handle.writeFile(body);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, file);
      } catch (error) {
        await unlink(temp).catch(() => {});
        throw error;
      }
    },

    async get(key) {
      try {
        return await readFile(fileFor(key));
      } catch (error) {
        if (isMissing(error)) throw notFound();
        throw error;
      }
    },

    async delete(key) {
      await unlink(fileFor(key)).catch((error) => {
        if (!isMissing(error)) throw error;
      });
    },

    async exists(key) {
      try {
        return (await stat(fileFor(key))).isFile();
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}
