import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { mailEnv } from "@/lib/env";

export type Mail = { to: string; subject: string; text: string; html?: string; attachments?: { filename: string; content: Buffer; contentType: string }[] };

let transporter: Transporter | undefined;

// SMTP when SMTP_URL is set; otherwise (development) the message is written to the server log.
function transport(): Transporter {
  const { SMTP_URL } = mailEnv();
  transporter ??= SMTP_URL ? nodemailer.createTransport(SMTP_URL) : nodemailer.createTransport({ jsonTransport: true });
  return transporter;
}

export async function sendMail(mail: Mail): Promise<void> {
  const { MAIL_FROM, SMTP_URL } = mailEnv();
  const info = await transport().sendMail({ from: MAIL_FROM, ...mail });
  if (!SMTP_URL && !quiet) {
    console.info(`[e-mail non envoyé : SMTP_URL absent] À : ${mail.to}\nObjet : ${mail.subject}\n\n${mail.text}\n`);
    void info;
  }
}

let quiet = false;

/** Without SMTP, the messages are written to the log; the demo seed turns that off for its hundreds of messages. */
export function quietMailLog(on: boolean): void {
  quiet = on;
}

/** For tests: forget the transport so that a changed SMTP_URL is read again. */
export function resetMailTransport(): void {
  transporter = undefined;
}
