import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { hasSeveralSessions, sessionClaims, sessionTokenOf } from "@/lib/auth/session-token";
import { CACHED_PATHS, PageStore } from "@/lib/page-cache";

const SECRET = "secret-de-test-suffisamment-long-pour-next-auth";
const page = (size: number) => ({ status: 200, headers: {}, body: Buffer.alloc(size) });

describe("page store", () => {
  it("drops the least recently used pages once its size is reached", () => {
    const store = new PageStore(1000);
    for (const key of "abcdefghij") store.set(key, page(100));
    expect(store.bytes).toBe(1000);
    store.get("a");
    store.set("k", page(100));
    expect(store.bytes).toBe(1000);
    expect(store.get("b")).toBeUndefined();
    expect(store.get("a")).toBeDefined();
    expect(store.get("k")).toBeDefined();
  });
  it("does not keep a page larger than an eighth of its size, and counts a replaced page once", () => {
    const store = new PageStore(800);
    store.set("big", page(101));
    expect(store.get("big")).toBeUndefined();
    store.set("a", page(100));
    store.set("a", page(50));
    expect(store.bytes).toBe(50);
  });
  it("covers the cells' pages only", () => {
    expect(
      [
        "/cra",
        "/cra?appel=x&taille=500",
        "/cra/dossiers/1",
        "/cna",
        "/cna/selection?appel=x",
      ].every((p) => CACHED_PATHS.test(p)),
    ).toBe(true);
    expect(
      ["/", "/craie", "/mes-dossiers", "/api/cra/export", "/admin", "/cnam"].some((p) =>
        CACHED_PATHS.test(p),
      ),
    ).toBe(false);
  });
});

describe("session token", () => {
  it("names its user and session version until it expires", async () => {
    const token = await encode({ token: { uid: "u1", sv: 3 }, secret: SECRET, maxAge: 60 });
    expect(await sessionClaims(token, SECRET)).toMatchObject({ userId: "u1", sessionVersion: 3 });
    expect(await sessionClaims(token, SECRET, Date.now() + 61_000)).toBeNull();
  });
  it("refuses a forged or damaged token, or one sealed with another secret", async () => {
    const token = await encode({ token: { uid: "u1", sv: 0 }, secret: SECRET, maxAge: 60 });
    expect(await sessionClaims(`${token.slice(0, -4)}AAAA`, SECRET)).toBeNull();
    expect(
      await sessionClaims(
        await encode({
          token: { uid: "u1" },
          secret: "un-autre-secret-de-plus-de-trente-deux-caracteres",
          maxAge: 60,
        }),
        SECRET,
      ),
    ).toBeNull();
    expect(
      await sessionClaims(
        await encode({ token: { sub: "u1" }, secret: SECRET, maxAge: 60 }),
        SECRET,
      ),
    ).toBeNull();
    expect(await sessionClaims(undefined, SECRET)).toBeNull();
  });
  it("is found under either of next-auth's cookie names", () => {
    expect(sessionTokenOf("a=1; next-auth.session-token=abc; b=2")).toBe("abc");
    expect(sessionTokenOf("__Host-next-auth.session-token=xyz")).toBe("xyz");
    expect(sessionTokenOf("next-auth.session-tokenx=abc; next-auth.csrf-token=1")).toBeUndefined();
    // A sub-domain can set a `__Secure-` cookie for the whole domain, never a `__Host-` one: not read.
    expect(sessionTokenOf("__Secure-next-auth.session-token=planted")).toBeUndefined();
  });
  it("is read one way when a request carries several: the page cache leaves such a request alone", () => {
    const two = "next-auth.session-token=first; next-auth.session-token=second";
    expect(sessionTokenOf(two)).toBe("first");
    expect(hasSeveralSessions(two)).toBe(true);
    const both = "next-auth.session-token=plain; __Host-next-auth.session-token=secure";
    expect(sessionTokenOf(both)).toBe("secure");
    expect(hasSeveralSessions(both)).toBe(true);
    expect(hasSeveralSessions("next-auth.session-token=one; next-auth.csrf-token=x")).toBe(false);
  });
});
