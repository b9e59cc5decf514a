// A real SMTP server in the Playwright worker, which the e2e server sends to (see playwright.config.ts).
import smtpTester from "smtp-tester";

type Server = { captureOne(address: string, o: { wait: number }): Promise<{ email: { body: string; headers: Record<string, string> } }>; stop(cb: () => void): void };

export function openMailbox(port = Number(process.env.E2E_SMTP_PORT ?? 2526)) {
  const server = (smtpTester as unknown as { init(port: number): Server }).init(port);
  return {
    next: async (address: string) => (await server.captureOne(address, { wait: 15_000 })).email,
    close: () => new Promise<void>((resolve) => server.stop(resolve)),
  };
}
