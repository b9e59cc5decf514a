// Uploads scanned by a real ClamAV daemon (Debian's clamd, installed by .ci/run), started here with a
// signature database made by the test: the EICAR test file's hash.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SCAN_UNAVAILABLE_MESSAGE } from "@/lib/storage/antivirus";
import { ACCEPTED_DOCUMENTS, checkUpload } from "@/lib/storage/file-check";
import { PDF } from "../fixtures/files";

// The antivirus industry's harmless test file: every scanner reports it (68 bytes, as published).
const EICAR = Buffer.from(
  "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*",
  "latin1",
);
/** A minimal PDF (accepted by type and structure) with the EICAR string in it. */
const EICAR_PDF = Buffer.concat([
  Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ",
  ),
  EICAR,
  Buffer.from("\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
]);

const CLAMD = ["/usr/sbin/clamd", "/usr/local/sbin/clamd", "/opt/homebrew/sbin/clamd"].find(
  (p) => spawnSync(p, ["--version"]).status === 0,
);

const check = (bytes: Buffer) =>
  checkUpload({
    bytes,
    declaredName: "piece.pdf",
    maxBytes: 10 * 1024 * 1024,
    accepted: ACCEPTED_DOCUMENTS,
  });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!CLAMD)("uploads scanned by a ClamAV daemon", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ptce-clamd-"));
  let clamd: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const db = path.join(dir, "signatures");
    mkdirSync(db);
    // A body signature (.ndb: name, any file type, anywhere, the bytes in hex): the EICAR string, wherever it is.
    writeFileSync(path.join(db, "test.ndb"), `Eicar-Test-Signature:0:*:${EICAR.toString("hex")}\n`);
    writeFileSync(
      path.join(dir, "clamd.conf"),
      `Foreground yes\nDatabaseDirectory ${db}\nTCPSocket ${port}\nTCPAddr 127.0.0.1\nLogFile ${dir}/clamd.log\n`,
    );
    clamd = spawn(CLAMD!, [`--config-file=${dir}/clamd.conf`], { stdio: "ignore" });
    process.env.CLAMAV_URL = `tcp://127.0.0.1:${port}`;
    await untilAnswers(port);
  }, 60_000);

  afterAll(() => {
    clamd?.kill();
    delete process.env.CLAMAV_URL;
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    process.env.CLAMAV_URL = `tcp://127.0.0.1:${port}`;
    delete process.env.CLAMAV_TIMEOUT_MS;
  });

  it("refuses the EICAR test file, and accepts a clean PDF once scanned", async () => {
    expect(await check(EICAR_PDF)).toEqual({
      ok: false,
      message:
        "L'antivirus a trouvé dans ce fichier un contenu malveillant (Eicar-Test-Signature.UNOFFICIAL) : il n'est pas enregistré.",
    });
    expect(await check(PDF)).toMatchObject({ ok: true, mimeType: "application/pdf" });
  });

  it("refuses an upload while the daemon cannot be reached, or does not answer in time", async () => {
    process.env.CLAMAV_URL = `tcp://127.0.0.1:${await freePort()}`;
    await expect(check(PDF)).rejects.toMatchObject({
      code: "UNAVAILABLE",
      message: SCAN_UNAVAILABLE_MESSAGE,
    });

    const silent: Server = createServer(() => {}).listen(0, "127.0.0.1");
    await new Promise((resolve) => silent.once("listening", resolve));
    process.env.CLAMAV_URL = `tcp://127.0.0.1:${(silent.address() as { port: number }).port}`;
    process.env.CLAMAV_TIMEOUT_MS = "300";
    await expect(check(PDF)).rejects.toMatchObject({ code: "UNAVAILABLE" });
    silent.close();
  });
});

async function untilAnswers(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end("zPING\0");
      });
      socket.on("data", (d) => resolve(d.toString().startsWith("PONG")));
      socket.on("error", () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("clamd ne répond pas");
}
