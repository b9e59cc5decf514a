import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/users/data";
import {
  changePassword,
  confirmEmail,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signUp,
  updateProfile,
} from "@/lib/users/mutations";
import { makeActor, TEST_PASSWORD } from "../fixtures/factories";
import { startSmtp } from "../fixtures/smtp";

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

const linkToken = (text: string, path: string) => new RegExp(`${path}/([\\w-]+)`).exec(text)![1]!;
const PASSWORD = "une phrase de passe solide";

describe("applicant sign-up", () => {
  it("creates an applicant account, confirmed by the link sent by e-mail", async () => {
    await signUp(
      {
        name: "Claire Nouvelle",
        email: "Claire.Nouvelle@Test.fr",
        password: PASSWORD,
        confirmation: PASSWORD,
      },
      "ip-1",
    );
    const mail = await smtp.next("claire.nouvelle@test.fr");
    expect(mail.headers.subject).toBe("Confirmez votre adresse e-mail - AMI PTCE");
    expect(
      await authenticate({ email: "claire.nouvelle@test.fr", password: PASSWORD }, null),
    ).toEqual({ ok: false, reason: "UNVERIFIED" });
    await confirmEmail(linkToken(mail.body, "/inscription/confirmer"));
    const outcome = await authenticate(
      { email: "claire.nouvelle@test.fr", password: PASSWORD },
      null,
    );
    expect(outcome).toMatchObject({
      ok: true,
      user: { roles: [{ role: "APPLICANT", regionCode: null }] },
    });
  });

  it("answers the same for an address that already has an account, and tells its owner by e-mail", async () => {
    const existing = await makeActor([{ role: "APPLICANT", regionCode: null }], "Déjà Inscrite");
    await expect(
      signUp(
        { name: "Quelqu'un", email: existing.email, password: PASSWORD, confirmation: PASSWORD },
        "ip-2",
      ),
    ).resolves.toBeUndefined();
    const mail = await smtp.next(existing.email);
    expect(mail.headers.subject).toBe("Vous avez déjà un compte - AMI PTCE");
    expect(await db().user.count({ where: { email: existing.email } })).toBe(1);
    expect(
      await authenticate({ email: existing.email, password: TEST_PASSWORD }, null),
    ).toMatchObject({ ok: true });
  });

  it("refuses bad input at the fields, and limits sign-ups from one address", async () => {
    await expect(
      signUp({ name: "C", email: "claire", password: "court", confirmation: "autre" }, "ip-3"),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        name: ["Saisissez vos prénom et nom."],
        email: ["Saisissez une adresse e-mail valide, par exemple nom@domaine.fr."],
        password: ["Le mot de passe doit contenir au moins 12 caractères."],
      },
    });
    for (let i = 0; i < 10; i++)
      await signUp(
        {
          name: `Porteur ${i}`,
          email: `porteur${i}@limite.test`,
          password: PASSWORD,
          confirmation: PASSWORD,
        },
        "ip-4",
      );
    await expect(
      signUp(
        {
          name: "Porteur 11",
          email: "porteur11@limite.test",
          password: PASSWORD,
          confirmation: PASSWORD,
        },
        "ip-4",
      ),
    ).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/^Trop de demandes\. Réessayez dans \d+ minutes?\.$/),
    });
  });

  it("sends the confirmation link again on request, and a confirmation link works once", async () => {
    await signUp(
      { name: "Bruno Relance", email: "bruno@test.fr", password: PASSWORD, confirmation: PASSWORD },
      "ip-5",
    );
    const first = linkToken((await smtp.next("bruno@test.fr")).body, "/inscription/confirmer");
    await resendVerification({ email: "bruno@test.fr" }, "ip-5");
    const second = linkToken((await smtp.next("bruno@test.fr")).body, "/inscription/confirmer");
    await expect(confirmEmail(first)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await confirmEmail(second);
    await expect(confirmEmail(second)).rejects.toMatchObject({ code: "INVALID_STATE" });
  });
});

describe("password reset", () => {
  it("sets a new password from the e-mailed link, ends other sessions and lifts a lock", async () => {
    const user = await makeActor([{ role: "APPLICANT", regionCode: null }]);
    for (let i = 0; i < 5; i++) await authenticate({ email: user.email, password: "faux" }, null);
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD }, null)).toMatchObject({
      reason: "LOCKED",
    });
    await requestPasswordReset({ email: user.email }, "ip-6");
    const token = linkToken((await smtp.next(user.email)).body, "/mot-de-passe");
    await resetPassword({ token, password: PASSWORD, confirmation: PASSWORD });
    expect(await loadActor(user.id, 0)).toBeNull();
    expect(await authenticate({ email: user.email, password: PASSWORD }, null)).toMatchObject({
      ok: true,
    });
    await expect(
      resetPassword({ token, password: PASSWORD, confirmation: PASSWORD }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("answers the same for an unknown address, without sending anything", async () => {
    await expect(
      requestPasswordReset({ email: "personne@test.fr" }, "ip-7"),
    ).resolves.toBeUndefined();
    await expect(smtp.next("personne@test.fr")).rejects.toBeDefined();
  });
});

describe("own account", () => {
  it("changes the name, and the password after checking the current one, ending every session", async () => {
    const user = await makeActor([{ role: "CRA_EVALUATOR", regionCode: "53" }]);
    await updateProfile(user, { name: "Maëlle Tanguy-Le Gall" });
    expect((await loadActor(user.id, 0))?.name).toBe("Maëlle Tanguy-Le Gall");
    await expect(
      changePassword(user, { current: "faux", password: PASSWORD, confirmation: PASSWORD }),
    ).rejects.toMatchObject({
      fieldErrors: { current: ["Le mot de passe actuel est incorrect."] },
    });
    await changePassword(user, {
      current: TEST_PASSWORD,
      password: PASSWORD,
      confirmation: PASSWORD,
    });
    expect(await loadActor(user.id, 0)).toBeNull();
    expect(await authenticate({ email: user.email, password: PASSWORD }, null)).toMatchObject({
      ok: true,
    });
  });
});
