import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/users/data";
import {
  activateAccount,
  deactivateUser,
  inviteUser,
  reactivateUser,
  setUserRoles,
} from "@/lib/users/mutations";
import { makeActor } from "../fixtures/factories";
import { startSmtp } from "../fixtures/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

const tokenOf = (text: string) => /\/activation\/([\w-]+)/.exec(text)![1]!;

describe("invitation and activation", () => {
  it("an administrator invites an evaluator, who receives the link by e-mail and activates the account", async () => {
    const admin = await makeActor([{ role: "ADMIN", regionCode: null }]);
    const user = await inviteUser(admin, {
      email: "Nouvelle.Evaluatrice@Test.fr",
      name: "Nouvelle Évaluatrice",
      roles: [{ role: "CRA_EVALUATOR", regionCode: "53" }],
    });
    const mail = await smtp.next("nouvelle.evaluatrice@test.fr");
    expect(mail.headers.subject).toBe("Activez votre compte sur la plateforme AMI PTCE");
    expect(mail.body).toContain("Évaluateur (cellule régionale)");
    expect(mail.body).toContain("https://ptce.test/activation/");
    expect(
      await authenticate(
        { email: "nouvelle.evaluatrice@test.fr", password: "un mot de passe solide" },
        null,
      ),
    ).toEqual({ ok: false, reason: "INVALID" });

    await activateAccount({
      token: tokenOf(mail.body),
      password: "un mot de passe solide",
      confirmation: "un mot de passe solide",
    });
    const signedIn = await authenticate(
      { email: "nouvelle.evaluatrice@test.fr", password: "un mot de passe solide" },
      null,
    );
    expect(signedIn).toMatchObject({
      ok: true,
      user: { id: user.id, roles: [{ role: "CRA_EVALUATOR", regionCode: "53" }] },
    });
    expect(
      await db().auditEvent.count({
        where: { entityId: user.id, action: { in: ["user.create", "user.activate"] } },
      }),
    ).toBe(2);
  });

  it("an activation link works once, and refuses mismatched passwords", async () => {
    const admin = await makeActor([{ role: "ADMIN", regionCode: null }]);
    await inviteUser(admin, {
      email: "une-fois@test.fr",
      name: "Une Fois",
      roles: [{ role: "CNA_MEMBER", regionCode: null }],
    });
    const token = tokenOf((await smtp.next("une-fois@test.fr")).body);
    await expect(
      activateAccount({
        token,
        password: "un mot de passe solide",
        confirmation: "un autre mot de passe",
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { confirmation: ["Les deux mots de passe ne sont pas identiques."] },
    });
    await activateAccount({
      token,
      password: "un mot de passe solide",
      confirmation: "un mot de passe solide",
    });
    await expect(
      activateAccount({
        token,
        password: "encore un mot de passe",
        confirmation: "encore un mot de passe",
      }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "Ce lien n'est plus valide : il a déjà servi ou a expiré. Demandez-en un nouveau.",
    });
  });

  it("refuses bad invitations with a message at the field", async () => {
    const admin = await makeActor([{ role: "ADMIN", regionCode: null }]);
    await expect(
      inviteUser(admin, { email: "pas-une-adresse", name: "X", roles: [] }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        email: ["Saisissez une adresse e-mail valide, par exemple nom@domaine.fr."],
        name: ["Saisissez le nom complet."],
        roles: ["Attribuez au moins un rôle."],
      },
    });
    await expect(
      inviteUser(admin, {
        email: "a@test.fr",
        name: "Anne",
        roles: [{ role: "CRA_COORDINATOR", regionCode: "99" }],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      inviteUser(admin, {
        email: admin.email,
        name: "Doublon",
        roles: [{ role: "ADMIN", regionCode: null }],
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("is an administration action only", async () => {
    const cna = await makeActor([{ role: "CNA_MEMBER", regionCode: null }]);
    await expect(
      inviteUser(cna, {
        email: "b@test.fr",
        name: "Bruno",
        roles: [{ role: "ADMIN", regionCode: null }],
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deactivateUser(cna, cna.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      setUserRoles(cna, cna.id, { roles: [{ role: "ADMIN", regionCode: null }] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("roles and deactivation", () => {
  it("the last administrator can be neither deactivated nor demoted", async () => {
    const admin = await makeActor([{ role: "ADMIN", regionCode: null }]);
    await expect(deactivateUser(admin, admin.id)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "Il doit rester au moins un administrateur actif : désignez-en un autre avant.",
    });
    await expect(
      setUserRoles(admin, admin.id, { roles: [{ role: "CNA_MEMBER", regionCode: null }] }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    const second = await makeActor([{ role: "ADMIN", regionCode: null }]);
    await setUserRoles(second, admin.id, { roles: [{ role: "CNA_MEMBER", regionCode: null }] });
    expect((await loadActor(admin.id, 0))?.roles).toEqual([
      { role: "CNA_MEMBER", regionCode: null },
    ]);
    await expect(deactivateUser(second, second.id)).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
  });

  it("deactivation ends the user's sessions at once; reactivation needs a new sign-in", async () => {
    const admin = await makeActor([{ role: "ADMIN", regionCode: null }]);
    const evaluator = await makeActor([{ role: "CRA_EVALUATOR", regionCode: "76" }]);
    expect(await loadActor(evaluator.id, 0)).not.toBeNull();
    await deactivateUser(admin, evaluator.id);
    expect(await loadActor(evaluator.id, 0)).toBeNull();
    expect(
      await authenticate({ email: evaluator.email, password: "mot de passe de test" }, null),
    ).toEqual({ ok: false, reason: "INVALID" });
    await reactivateUser(admin, evaluator.id);
    expect(await loadActor(evaluator.id, 0)).toBeNull();
    expect(await loadActor(evaluator.id, 1)).not.toBeNull();
  });

  it("changes roles and regions, with the before and after in the audit log", async () => {
    const admin = await makeActor([{ role: "ADMIN", regionCode: null }]);
    const user = await makeActor([{ role: "CRA_EVALUATOR", regionCode: "76" }]);
    await setUserRoles(admin, user.id, {
      roles: [
        { role: "CRA_COORDINATOR", regionCode: "53" },
        { role: "CRA_COORDINATOR", regionCode: "53" },
      ],
    });
    expect((await loadActor(user.id, 0))?.roles).toEqual([
      { role: "CRA_COORDINATOR", regionCode: "53" },
    ]);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "user.roles", entityId: user.id },
    });
    expect(event.before).toEqual({ roles: [{ role: "CRA_EVALUATOR", regionCode: "76" }] });
    await expect(
      setUserRoles(admin, user.id, { roles: [{ role: "CRA_EVALUATOR", regionCode: null }] }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
