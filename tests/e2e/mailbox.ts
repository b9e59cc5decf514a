// Reading the e-mails the e2e server sent (written by tests/e2e/global-setup.ts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
// Outside test-results/, which Playwright empties after the global setup.
export const MAILBOX_DIR = path.resolve(import.meta.dirname, "../../.data/e2e-mailbox");

export type SentMail = { address: string; subject: string; body: string };

/** The latest message to `address` with the given subject, waiting for it up to 15 s. */
export async function waitForMail(address: string, subject: string): Promise<SentMail> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const files = readdirSync(MAILBOX_DIR)
      .filter((f) => f.endsWith(`-${encodeURIComponent(address)}.json`))
      .sort()
      .reverse();
    for (const file of files) {
      const mail = JSON.parse(readFileSync(path.join(MAILBOX_DIR, file), "utf8")) as SentMail;
      if (mail.subject === subject) return mail;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Aucun e-mail « ${subject} » reçu pour ${address}`);
}
