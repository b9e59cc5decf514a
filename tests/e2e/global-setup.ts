// One SMTP server (smtp-tester) for the whole e2e run, which the e2e server sends to; every message
// is written to a folder so that specs in any worker can read it (tests/e2e/mailbox.ts).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import smtpTester from "smtp-tester";
import { MAILBOX_DIR, SMTP_PORT } from "./mailbox";

type Server = {
  bind(
    handler: (
      address: string,
      id: number,
      email: { body: string; headers: Record<string, string> },
    ) => void,
  ): void;
  stop(cb: () => void): void;
};

export default function globalSetup() {
  rmSync(MAILBOX_DIR, { recursive: true, force: true });
  mkdirSync(MAILBOX_DIR, { recursive: true });
  const server = (smtpTester as unknown as { init(port: number): Server }).init(SMTP_PORT);
  // Bound to every recipient, the handler gets no address: read it from the message's To header.
  server.bind((_all, id, email) => {
    const address = (
      /[^\s<>,]+@[^\s<>,]+/.exec(email.headers.to ?? "")?.[0] ?? "inconnu"
    ).toLowerCase();
    writeFileSync(
      `${MAILBOX_DIR}/${Date.now()}-${id}-${encodeURIComponent(address)}.json`,
      JSON.stringify({ address, body: email.body, subject: email.headers.subject }),
    );
  });
  return () => new Promise<void>((resolve) => server.stop(resolve));
}
