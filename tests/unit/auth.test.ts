import { describe, expect, it } from "vitest";
import { auditHash, canonicalJson, GENESIS_HASH } from "@/lib/audit/chain";
import { clientIp, trustedClientAddress, trustedProxyHops } from "@/lib/auth/client-ip";
import { signInErrorMessage } from "@/lib/auth/messages";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { homeOf, spacesOf } from "@/lib/auth/spaces";
import { parsePage } from "@/lib/pagination";
import { newUserSchema, signInSchema } from "@/lib/users/schema";
import { ACTORS } from "../fixtures/actors";

describe("sign-in messages", () => {
  it("never says which of the e-mail or the password was wrong", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe(
      "Adresse e-mail ou mot de passe incorrect.",
    );
  });
  it("tells how long a locked account waits", () => {
    expect(signInErrorMessage("LOCKED:840")).toContain("pendant 14 minutes");
    expect(signInErrorMessage("LOCKED:30")).toContain("pendant 1 minute.");
  });
  it("normalises the e-mail and explains a malformed one", () => {
    expect(signInSchema.parse({ email: "  Claire@Exemple.FR ", password: "x" }).email).toBe(
      "claire@exemple.fr",
    );
    const r = signInSchema.safeParse({ email: "claire", password: "" });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual([
      "Saisissez une adresse e-mail valide, par exemple nom@domaine.fr.",
      "Saisissez votre mot de passe.",
    ]);
  });
  it("ties regional roles to a region and the others to none", () => {
    const base = { email: "a@b.fr", name: "Anne", password: "un mot de passe long" };
    expect(
      newUserSchema.safeParse({ ...base, roles: [{ role: "CRA_EVALUATOR", regionCode: null }] })
        .success,
    ).toBe(false);
    expect(
      newUserSchema.safeParse({ ...base, roles: [{ role: "ADMIN", regionCode: "53" }] }).success,
    ).toBe(false);
    expect(
      newUserSchema.safeParse({ ...base, roles: [{ role: "CRA_EVALUATOR", regionCode: "53" }] })
        .success,
    ).toBe(true);
    expect(
      newUserSchema.safeParse({
        ...base,
        password: "court",
        roles: [{ role: "ADMIN", regionCode: null }],
      }).success,
    ).toBe(false);
  });
});

describe("after sign-in", () => {
  it("follows only paths of this site", () => {
    expect(safeCallbackPath("/cra?page=2")).toBe("/cra?page=2");
    expect(safeCallbackPath("https://ailleurs.example/")).toBeNull();
    expect(safeCallbackPath("//ailleurs.example/")).toBeNull();
    expect(safeCallbackPath("/\\ailleurs.example")).toBeNull();
    expect(safeCallbackPath("/cna#haut")).toBe("/cna#haut");
    // Resolved to "//ailleurs.example": another site once followed.
    for (const evil of [
      "/..//ailleurs.example",
      "/.//ailleurs.example",
      "/%2e%2e//ailleurs.example",
    ])
      expect(safeCallbackPath(evil), evil).toBeNull();
  });
  it("lands each role in its space", () => {
    expect(homeOf(ACTORS.owner)).toBe("/mes-dossiers");
    expect(homeOf(ACTORS.evaluator)).toBe("/cra");
    expect(homeOf(ACTORS.cna)).toBe("/cna");
    expect(homeOf(ACTORS.admin)).toBe("/admin");
    expect(homeOf(ACTORS.noRole)).toBe("/");
    expect(spacesOf(ACTORS.deactivatedCna)).toEqual([]);
  });
});

describe("audit hash chain", () => {
  const event = {
    at: new Date("2025-11-02T10:00:00Z"),
    actorId: "u1",
    action: "call.create",
    entityType: "Call",
    entityId: "c1",
    before: null,
    after: { b: 1, a: [1, { d: 2, c: 3 }] },
  };
  it("does not depend on the order of object keys", () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(auditHash(GENESIS_HASH, event)).toBe(
      auditHash(GENESIS_HASH, { ...event, after: { a: [1, { c: 3, d: 2 }], b: 1 } }),
    );
  });
  it("changes with any content and with the previous link", () => {
    const h = auditHash(GENESIS_HASH, event);
    expect(auditHash(GENESIS_HASH, { ...event, after: { ...event.after, b: 2 } })).not.toBe(h);
    expect(auditHash("1".repeat(64), event)).not.toBe(h);
    expect(
      auditHash(GENESIS_HASH, { ...event, at: new Date("2025-11-02T10:00:00.001Z") }),
    ).not.toBe(h);
  });
});

describe("pagination", () => {
  it("reads page and size leniently within bounds", () => {
    expect(parsePage({})).toEqual({ page: 1, size: 50, skip: 0 });
    expect(parsePage({ page: "3", taille: "500" })).toEqual({ page: 3, size: 500, skip: 1000 });
    expect(parsePage({ page: "-2", taille: "100000" })).toEqual({ page: 1, size: 50, skip: 0 });
    expect(parsePage({ page: "abc" })).toEqual({ page: 1, size: 50, skip: 0 });
  });
});

describe("open redirects", () => {
  it("refuses paths that a browser would resolve to another site", () => {
    for (const evil of [
      "/\t/ailleurs.example",
      "/%09/ailleurs.example",
      "/\n/ailleurs.example",
      "/\\\\ailleurs.example",
      "/\t\\ailleurs.example",
    ]) {
      const safe = safeCallbackPath(evil);
      expect(
        safe === null || new URL(safe, "https://ptce.gouv.fr").origin === "https://ptce.gouv.fr",
        evil,
      ).toBe(true);
    }
  });
});

describe("client address behind proxies", () => {
  it("ignores a client-set X-Forwarded-For when no proxy is trusted (the default)", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("deux")).toBe(0);
    expect(trustedClientAddress("203.0.113.66", "198.51.100.7", trustedProxyHops(undefined))).toBe(
      "198.51.100.7",
    );
    expect(trustedClientAddress(undefined, "198.51.100.7", 0)).toBe("198.51.100.7");
  });

  it("believes only the entries written by the trusted proxies", () => {
    // The client forged 1.1.1.1; the proxy (socket 10.0.0.2) appended the address it saw.
    expect(trustedClientAddress("1.1.1.1, 203.0.113.9", "10.0.0.2", 1)).toBe("203.0.113.9");
    expect(trustedClientAddress("1.1.1.1, 203.0.113.9, 10.0.0.3", "10.0.0.2", 2)).toBe(
      "203.0.113.9",
    );
    expect(trustedClientAddress(["1.1.1.1", "203.0.113.9"], "10.0.0.2", 1)).toBe("203.0.113.9");
    // More proxies announced than entries: the farthest known, never an index out of the chain.
    expect(trustedClientAddress(undefined, "10.0.0.2", 3)).toBe("10.0.0.2");
  });

  it("reads back the one address the server kept", () => {
    expect(clientIp({ "x-forwarded-for": "203.0.113.9" })).toBe("203.0.113.9");
    expect(clientIp({})).toBeNull();
  });
});
