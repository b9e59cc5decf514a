import { describe, expect, it } from "vitest";
import { decisionMail } from "@/lib/mail/national-templates";
import {
  notificationSummary,
  notificationTarget,
  notificationTitle,
} from "@/lib/notifications/inbox-text";

describe("a notification in the list", () => {
  it("takes the e-mail's subject without the service's name as its title", () => {
    expect(notificationTitle("Décision sur votre dossier AMI2025-BRE-001 - AMI PTCE")).toBe(
      "Décision sur votre dossier AMI2025-BRE-001",
    );
    expect(notificationTitle("Résultats régionaux transmis : Bretagne - AMI PTCE")).toBe(
      "Résultats régionaux transmis : Bretagne",
    );
    expect(notificationTitle("Activez votre compte sur la plateforme AMI PTCE")).toBe(
      "Activez votre compte sur la plateforme AMI PTCE",
    );
  });

  it("sums the text up in its first sentence that says something, without greeting, link or signature", () => {
    const mail = decisionMail({
      to: "a@b.fr",
      reference: "AMI2025-BRE-001",
      callTitle: "AMI PTCE 2025",
      outcomeLabel: "lauréat",
      link: "https://ptce.test/mes-dossiers/x",
    });
    expect(notificationSummary(mail.text)).toBe(
      "Les résultats de l'AMI PTCE 2025 sont publiés. Décision pour votre dossier AMI2025-BRE-001 : lauréat.",
    );
    expect(notificationSummary("Bonjour Claire,\n\nhttps://ptce.test/x\n\n—\nAMI PTCE")).toBe("");
    const long = notificationSummary(`Bonjour,\n\n${"Un mot assez long ".repeat(20)}`);
    expect(long.length).toBeLessThanOrEqual(181);
    expect(long).toMatch(/long…$/);
  });

  it("opens only a path of this site, whatever the stored link says", () => {
    expect(notificationTarget("/mes-dossiers/abc")).toBe("/mes-dossiers/abc");
    expect(notificationTarget("/cra/dossiers/abc?onglet=messages#fil")).toBe(
      "/cra/dossiers/abc?onglet=messages#fil",
    );
    for (const link of [
      null,
      undefined,
      "",
      "https://ailleurs.example/",
      "//ailleurs.example",
      "/\\ailleurs.example",
      "/\t/ailleurs.example",
      "/..//ailleurs.example",
      "/%2e%2e//ailleurs.example",
      "javascript:alert(1)",
      "mes-dossiers",
    ]) {
      expect(notificationTarget(link), String(link)).toBe("/notifications");
    }
  });
});
