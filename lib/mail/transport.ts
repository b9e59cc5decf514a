import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { mailEnv, resetMailEnv } from "@/lib/env";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
};

let transporter: Transporter | undefined;

// SMTP when SMTP_URL is set; otherwise (development) the message is written to the server log. Pooled
// connections (a publication sends hundreds at once), and timeouts so that a slow server fails a job
// instead of holding it.
const SMTP_OPTIONS = {
  pool: true,
  maxConnections: 5,
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
};

function transport(): Transporter {
  const { SMTP_URL } = mailEnv();
  transporter ??= SMTP_URL
    ? nodemailer.createTransport(withOptions(SMTP_URL, SMTP_OPTIONS))
    : nodemailer.createTransport({ jsonTransport: true });
  return transporter;
}

/**
 * The options as parameters of the URL: nodemailer reads only the URL when one is given (`{ url, pool }` is a
 * connection per message, with its default timeouts of minutes). A parameter already in SMTP_URL wins
 * (`?maxConnections=10`).
 */
function withOptions(smtpUrl: string, options: Record<string, string | number | boolean>): string {
  const url = new URL(smtpUrl);
  for (const [key, value] of Object.entries(options))
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(value));
  return url.toString();
}

/**
 * Sends one e-mail: the SMTP server's answer when it accepted it (the proof of handing over), null when no server
 * is configured (the e-mail is only written to the log). Throws the server's answer when it refuses it or cannot
 * be reached.
 */
export async function sendMail(
  mail: Mail & { messageId?: string },
): Promise<{ response: string | null }> {
  const { MAIL_FROM, SMTP_URL } = mailEnv();
  const info = (await transport().sendMail({ from: MAIL_FROM, ...mail })) as { response?: unknown };
  if (SMTP_URL) return { response: String(info.response ?? "").slice(0, 500) };
  if (!quiet)
    console.info(
      `[e-mail non envoyé : SMTP_URL absent] À : ${mail.to}\nObjet : ${mail.subject}\n\n${mail.text}\n`,
    );
  return { response: null };
}

/** Whether the SMTP server answers (at the worker's start-up): the reason when it does not. */
export async function checkMailServer(): Promise<string | null> {
  if (!mailEnv().SMTP_URL) return null;
  try {
    await transport().verify();
    return null;
  } catch (error) {
    return describeMailError(error);
  }
}

/** The SMTP server's answer (or the network's) in one line, for the delivery log. */
export function describeMailError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const answer = e.response ?? e.message ?? String(error);
  // The server's answer starts with its code already (« 550 5.1.1 … »): not written twice.
  const code = e.responseCode && !answer.startsWith(String(e.responseCode)) ? e.responseCode : null;
  return [e.code, code, answer].filter(Boolean).join(" ").slice(0, 1000);
}

/** A refusal that retrying will not change (5xx: unknown mailbox, message refused…). */
export const isPermanentMailError = (error: unknown) => {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
};

let quiet = false;

/** Without SMTP, the messages are written to the log; the demo seed turns that off for its hundreds of messages. */
export function quietMailLog(on: boolean): void {
  quiet = on;
}

/** For tests: forget the transport so that a changed SMTP_URL is read again. */
export function resetMailTransport(): void {
  transporter?.close();
  transporter = undefined;
  resetMailEnv();
}
