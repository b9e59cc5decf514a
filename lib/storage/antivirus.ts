import { connect } from "node:net";
import { AppError } from "@/lib/errors";

// Uploads scanned by a ClamAV daemon when one is configured (CLAMAV_URL, e.g. tcp://clamav:3310), through
// clamd's own protocol (INSTREAM: the bytes in chunks, then its verdict). A file is accepted only once
// scanned clean: a daemon that does not answer in time refuses the upload, it never lets it through.

const CHUNK_BYTES = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

export type ScanVerdict = { clean: true } | { clean: false; signature: string };

export const SCAN_UNAVAILABLE_MESSAGE =
  "L'analyse antivirus des fichiers est momentanément indisponible : le fichier n'est pas enregistré. Réessayez dans quelques minutes.";

/** clamd's address from CLAMAV_URL (tcp://host:port), or null when no daemon is configured. */
function daemonAddress(): { host: string; port: number } | null {
  const url = process.env.CLAMAV_URL;
  if (!url) return null;
  const { hostname, port, protocol } = new URL(url);
  if (protocol !== "tcp:" || !hostname || !port)
    throw new Error(`CLAMAV_URL : attendue sous la forme tcp://hôte:3310 (reçu : « ${url} »).`);
  return { host: hostname, port: Number(port) };
}

/** The daemon's verdict on `bytes`; clean without asking when no daemon is configured. */
export async function scanForViruses(bytes: Uint8Array): Promise<ScanVerdict> {
  const address = daemonAddress();
  if (!address) return { clean: true };
  const timeout = Number(process.env.CLAMAV_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS);
  const answer = await instream(address, bytes, timeout).catch((error: unknown) => {
    console.error(`Antivirus injoignable (${address.host}:${address.port}) :`, error);
    throw new AppError("UNAVAILABLE", SCAN_UNAVAILABLE_MESSAGE);
  });
  if (answer === "stream: OK") return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(answer);
  if (found) return { clean: false, signature: found[1]! };
  // "… ERROR" (a size over StreamMaxLength, a damaged archive): not scanned, so not accepted.
  console.error(`Antivirus : réponse inattendue « ${answer} »`);
  throw new AppError("UNAVAILABLE", SCAN_UNAVAILABLE_MESSAGE);
}

function instream(
  address: { host: string; port: number },
  bytes: Uint8Array,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(address);
    const received: Buffer[] = [];
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`pas de réponse en ${timeoutMs} ms`)),
    );
    socket.once("connect", () => {
      socket.write("zINSTREAM\0");
      for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
        const chunk = bytes.subarray(at, at + CHUNK_BYTES);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(chunk.length);
        socket.write(length);
        socket.write(chunk);
      }
      socket.write(Buffer.alloc(4)); // a zero length ends the stream
    });
    socket.on("data", (data) => received.push(data));
    socket.once("error", reject);
    socket.once("close", (failed) => {
      if (failed) return;
      const answer = Buffer.concat(received).toString("utf8").replace(/\0+$/, "").trim();
      answer ? resolve(answer) : reject(new Error("connexion fermée sans réponse"));
    });
  });
}
