import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ICONS } from "@/lib/site/identity";
import {
  DEFAULT_EXPIRY_DAYS,
  defaultSecurityContact,
  defaultSecurityExpiry,
  isWithinAYear,
  parseSecurityContacts,
  securityTxt,
} from "@/lib/site/security-txt";
import config from "@/next.config";

const root = path.resolve(import.meta.dirname, "../..");
const DAY = 86_400_000;
// The matcher Next.js applies to the `source` of next.config's headers.
const { pathToRegexp } = createRequire(import.meta.url)("next/dist/compiled/path-to-regexp") as {
  pathToRegexp: (source: string) => RegExp;
};

describe("security.txt", () => {
  const fields = {
    contacts: ["mailto:securite@ptce.example.gouv.fr", "https://ptce.example.gouv.fr/signaler"],
    expires: new Date("2027-05-31T21:59:59.000Z"),
    canonical: "https://ptce.example.gouv.fr/.well-known/security.txt",
    preferredLanguages: ["fr", "en"],
  };

  it("carries one Contact per contact, Expires in RFC 3339, the languages and its canonical address", () => {
    const lines = securityTxt(fields).split("\n");
    expect(lines.filter((l) => l.startsWith("Contact: "))).toEqual([
      "Contact: mailto:securite@ptce.example.gouv.fr",
      "Contact: https://ptce.example.gouv.fr/signaler",
    ]);
    expect(lines).toContain("Expires: 2027-05-31T21:59:59Z");
    expect(lines).toContain("Preferred-Languages: fr, en");
    expect(lines).toContain("Canonical: https://ptce.example.gouv.fr/.well-known/security.txt");
    expect(lines.filter((l) => l.startsWith("Expires:"))).toHaveLength(1);
    // Every line is a comment, a field or the final empty line.
    expect(
      lines.every((l) => l === "" || l.startsWith("# ") || /^[A-Z][A-Za-z-]+: \S/.test(l)),
    ).toBe(true);
    expect(securityTxt(fields).endsWith("\n")).toBe(true);
  });

  it("refuses a file without contact (RFC 9116: Contact is required)", () => {
    expect(() => securityTxt({ ...fields, contacts: [] })).toThrow(/Contact/);
  });

  it("derives the default contact from the sender of the e-mails", () => {
    expect(defaultSecurityContact("AMI PTCE <ne-pas-repondre@ami-ptce.example>")).toBe(
      "mailto:securite@ami-ptce.example",
    );
    expect(defaultSecurityContact("ne-pas-repondre@ptce.gouv.fr")).toBe(
      "mailto:securite@ptce.gouv.fr",
    );
    expect(defaultSecurityContact("AMI PTCE")).toBeNull();
  });

  it("reads SECURITY_CONTACT as URIs or bare addresses, and refuses anything else", () => {
    expect(parseSecurityContacts("securite@ptce.gouv.fr, https://ptce.gouv.fr/securite")).toEqual([
      "mailto:securite@ptce.gouv.fr",
      "https://ptce.gouv.fr/securite",
    ]);
    expect(parseSecurityContacts("tel:+33-1-00-00-00-00")).toEqual(["tel:+33-1-00-00-00-00"]);
    expect(parseSecurityContacts("http://ptce.gouv.fr/securite")).toBeNull();
    expect(parseSecurityContacts("javascript:alert(1)")).toBeNull();
    expect(parseSecurityContacts("l'équipe sécurité")).toBeNull();
    expect(parseSecurityContacts(" , ")).toBeNull();
  });

  it("expires by default 180 days after the current day, the same value all day, less than a year ahead", () => {
    const morning = new Date("2026-12-01T00:00:01Z");
    const evening = new Date("2026-12-01T23:59:59Z");
    expect(defaultSecurityExpiry(morning)).toEqual(defaultSecurityExpiry(evening));
    expect(defaultSecurityExpiry(morning).toISOString()).toBe("2027-05-30T00:00:00.000Z");
    expect(defaultSecurityExpiry(evening).getTime() - evening.getTime()).toBeGreaterThan(
      (DEFAULT_EXPIRY_DAYS - 1) * DAY,
    );
    expect(isWithinAYear(defaultSecurityExpiry(evening), evening)).toBe(true);
    expect(isWithinAYear(new Date(evening.getTime() + 366 * DAY), evening)).toBe(false);
  });
});

describe("the icons of public/", () => {
  const publicFiles = readdirSync(path.join(root, "public")).filter((f) => !f.startsWith("."));

  it("are the DSFR's own favicon files, byte for byte", () => {
    const dsfr = path.join(root, "node_modules/@codegouvfr/react-dsfr/dsfr/favicon");
    for (const { url } of Object.values(ICONS)) {
      expect(
        readFileSync(path.join(root, "public", url)).equals(readFileSync(path.join(dsfr, url))),
        url,
      ).toBe(true);
    }
  });

  it("are every file of public/, and each is served with a week's cache", async () => {
    expect(publicFiles.map((f) => `/${f}`).sort()).toEqual(
      Object.values(ICONS)
        .map((i) => i.url)
        .sort(),
    );
    const rules = await config.headers!();
    const cached = (url: string) =>
      rules.some(
        (r) =>
          pathToRegexp(r.source).test(url) &&
          r.headers.some((h) => h.key === "Cache-Control" && h.value === "public, max-age=604800"),
      );
    for (const { url } of Object.values(ICONS)) expect(cached(url), url).toBe(true);
    expect(cached("/connexion")).toBe(false);
    expect(cached("/favicon.icox")).toBe(false);
  });
});
