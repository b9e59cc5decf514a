import { describe, expect, it } from "vitest";
import { searchAuditEvents, verifyAuditChain } from "@/lib/audit/log";
import { auditFilterSchema } from "@/lib/audit/schema";
import { deviceCookieName, deviceProof } from "@/lib/auth/device";
import { clearSignInAttempts, SIGN_IN_LIMITS } from "@/lib/auth/rate-limit";
import { authenticate } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/users/data";
import { changePassword, createUser, endSessions } from "@/lib/users/mutations";
import { makeActor, TEST_PASSWORD } from "../fixtures/factories";

const IP = "203.0.113.7";

describe("sign-in", () => {
  it("accepts the right password, whatever the case of the e-mail", async () => {
    const user = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    const outcome = await authenticate(
      { email: user.email.toUpperCase(), password: TEST_PASSWORD },
      IP,
    );
    expect(outcome).toMatchObject({
      ok: true,
      user: { id: user.id, roles: [{ role: "CNA_MEMBER", regionCode: null }] },
    });
  });

  it("gives the same answer for a wrong password, an unknown e-mail and a deactivated account", async () => {
    const user = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const off = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await db().user.update({ where: { id: off.id }, data: { active: false } });
    expect(
      await authenticate({ email: user.email, password: "pas le bon mot de passe" }, IP),
    ).toEqual({ ok: false, reason: "INVALID" });
    expect(await authenticate({ email: "inconnu@test.fr", password: TEST_PASSWORD }, IP)).toEqual({
      ok: false,
      reason: "INVALID",
    });
    expect(await authenticate({ email: off.email, password: TEST_PASSWORD }, IP)).toEqual({
      ok: false,
      reason: "INVALID",
    });
    expect(await authenticate({ email: "pas-une-adresse", password: 42 }, IP)).toEqual({
      ok: false,
      reason: "INVALID",
    });
  });

  it("locks the account from the address of repeated failures, even for the right password there, in PostgreSQL", async () => {
    const user = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const outcomes = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountHere.points; i++)
      outcomes.push(await authenticate({ email: user.email, password: `faux ${i}` }, IP));
    expect(outcomes.slice(0, -1).every((o) => !o.ok && o.reason === "INVALID")).toBe(true);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, reason: "LOCKED", accountWide: false });
    const locked = await authenticate({ email: user.email, password: TEST_PASSWORD }, IP);
    expect(locked).toMatchObject({ ok: false, reason: "LOCKED" });
    expect(
      locked.ok === false && locked.reason === "LOCKED" && locked.retryAfterSeconds,
    ).toBeGreaterThan(14 * 60);
    expect(await db().rateLimit.count({ where: { key: { contains: user.email } } })).toBe(2);
  });

  it("leaves the victim's account usable after an attacker's failures from elsewhere", async () => {
    const victim = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    for (let i = 0; i <= SIGN_IN_LIMITS.perAccountHere.points; i++)
      await authenticate({ email: victim.email, password: `devine ${i}` }, IP);
    const owner = await authenticate(
      { email: victim.email, password: TEST_PASSWORD },
      "198.51.100.1",
    );
    expect(owner).toMatchObject({ ok: true });
  });

  it("locks unknown devices out after failures from many addresses, never the owner's known device; a reset lifts it", async () => {
    const victim = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const proof = deviceProof(victim.email, process.env.NEXTAUTH_SECRET!).value;
    const cookie = `${deviceCookieName(victim.email, false)}=${proof}`;
    // Failures spread over addresses, none of them locked on its own.
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.points; i++)
      await authenticate({ email: victim.email, password: `devine ${i}` }, `192.0.2.${i % 5}`);
    const elsewhere = await authenticate(
      { email: victim.email, password: TEST_PASSWORD },
      "198.51.100.2",
    );
    expect(elsewhere).toMatchObject({ ok: false, reason: "LOCKED", accountWide: true });
    // A forged or another account's proof is no proof.
    const forged = `${deviceCookieName(victim.email, false)}=${proof.slice(0, -2)}xx`;
    expect(
      await authenticate({ email: victim.email, password: TEST_PASSWORD }, "198.51.100.2", forged),
    ).toMatchObject({ ok: false, reason: "LOCKED" });
    expect(
      await authenticate({ email: victim.email, password: TEST_PASSWORD }, "198.51.100.2", cookie),
    ).toMatchObject({ ok: true });
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.points; i++)
      await authenticate({ email: victim.email, password: `devine ${i}` }, `192.0.2.${i % 5}`);
    // What the e-mailed reset link does once the new password is chosen (lib/users/mutations.ts resetPassword).
    await clearSignInAttempts(victim.email, null);
    expect(
      await authenticate({ email: victim.email, password: TEST_PASSWORD }, "192.0.2.1"),
    ).toMatchObject({ ok: true });
  });

  it("forgets past failures after a successful sign-in", async () => {
    const user = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountHere.points - 1; i++)
      await authenticate({ email: user.email, password: "faux" }, IP);
    expect((await authenticate({ email: user.email, password: TEST_PASSWORD }, IP)).ok).toBe(true);
    expect(await authenticate({ email: user.email, password: "faux" }, IP)).toEqual({
      ok: false,
      reason: "INVALID",
    });
  });

  it("asks to confirm the e-mail before the first sign-in", async () => {
    await createUser(null, {
      email: "nouveau@test.fr",
      name: "Nouveau",
      password: TEST_PASSWORD,
      roles: [{ role: "APPLICANT", regionCode: null }],
    });
    expect(await authenticate({ email: "nouveau@test.fr", password: TEST_PASSWORD }, IP)).toEqual({
      ok: false,
      reason: "UNVERIFIED",
    });
  });

  it("stores only an argon2id hash of the password", async () => {
    const user = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe("security events", () => {
  it("records sign-ins, failures and locks in the audit journal, searchable by an administrator", async () => {
    const user = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const admin = await makeActor([{ role: "ADMIN", regionCode: null }]);
    await authenticate({ email: user.email, password: TEST_PASSWORD }, IP);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountHere.points + 1; i++)
      await authenticate({ email: user.email, password: `faux ${i}` }, IP);
    await authenticate({ email: "personne@test.fr", password: "faux" }, IP);

    const events = await searchAuditEvents(admin, auditFilterSchema.parse({ action: "auth." }), {
      page: 1,
      size: 50,
      skip: 0,
    });
    const actions = events.items.map((e) => e.action).reverse();
    expect(actions).toEqual([
      "auth.signIn",
      ...Array(SIGN_IN_LIMITS.perAccountHere.points - 1).fill("auth.signInFailed"),
      "auth.signInLocked",
      "auth.signInLocked",
      "auth.signInFailed",
    ]);
    expect(events.items.at(-1)).toMatchObject({
      actorId: user.id,
      entityId: user.id,
      after: { email: user.email, address: IP, knownDevice: false },
    });
    expect(events.items[0]).toMatchObject({ actorId: null, entityId: "personne@test.fr" });
    expect(events.items[1]?.after).toMatchObject({
      accountWide: false,
      lockedSeconds: expect.any(Number),
    });
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});

describe("sessions", () => {
  it("end when the user is deactivated or their session version changes", async () => {
    const user = await makeActor([{ role: "ADMIN", regionCode: null }]);
    expect(await loadActor(user.id, 0)).not.toBeNull();
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await loadActor(user.id, 0)).toBeNull();
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await loadActor(user.id, 1)).toBeNull();
  });

  it("end at once after a sign-out or a password change, on every device", async () => {
    const user = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    const signedIn = await authenticate({ email: user.email, password: TEST_PASSWORD }, null);
    if (!signedIn.ok) throw new Error("sign-in refused");
    const before = signedIn.user.sessionVersion;
    expect(await loadActor(user.id, before)).not.toBeNull();
    await endSessions(user.id);
    expect(await loadActor(user.id, before)).toBeNull();

    const again = await authenticate({ email: user.email, password: TEST_PASSWORD }, null);
    if (!again.ok) throw new Error("sign-in refused");
    const actor = (await loadActor(user.id, again.user.sessionVersion))!;
    await changePassword(actor, {
      current: TEST_PASSWORD,
      password: "Un-autre-mot-de-passe-2026",
      confirmation: "Un-autre-mot-de-passe-2026",
    });
    expect(await loadActor(user.id, again.user.sessionVersion)).toBeNull();
  });
});

describe("accounts", () => {
  it("refuses a second account with the same e-mail, whatever its case", async () => {
    const user = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    await expect(
      createUser(null, {
        email: user.email.toUpperCase(),
        name: "Double",
        password: TEST_PASSWORD,
        roles: [{ role: "APPLICANT", regionCode: null }],
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { email: ["Un compte existe déjà avec cette adresse e-mail."] },
    });
  });
});
