import { expect, test } from "@playwright/test";
import { DEMO_USERS } from "../../prisma/demo";
import { expectAccessible, newPage } from "./fixtures";

test("the home page presents the open call", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "Financer le développement des PTCE",
  );
  await expect(page.getByText("Ouvert aux candidatures")).toBeVisible();
  await expect(page.getByText(/^500\s000\s€$/)).toBeVisible();
  await expect(page.getByText(/de 30\s000\s€ à 80\s000\s€, sur 2 ans/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Animation territoriale" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ingénierie de projet" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Recherche et innovation" })).toBeVisible();
  await expect(page.getByText(/au moins 50 % de l'enveloppe/)).toBeVisible();
  await expectAccessible(page);
});

const ROLES = [
  { email: "porteur1@demo-ptce.fr", space: "/mes-dossiers", heading: "Mes dossiers" },
  {
    email: "coordination.bretagne@demo-ptce.fr",
    space: "/cra",
    heading: "Cellule régionale d'animation",
    also: "Bretagne",
  },
  {
    email: "evaluation1.occitanie@demo-ptce.fr",
    space: "/cra",
    heading: "Cellule régionale d'animation",
    also: "Occitanie",
  },
  {
    email: "cna1@demo-ptce.fr",
    space: "/cna",
    heading: "Cellule nationale d'animation",
    also: "Avancement des régions",
  },
  { email: "admin@demo-ptce.fr", space: "/admin", heading: "Administration", also: "Utilisateurs" },
];

for (const role of ROLES) {
  test(`${role.email} signs in through the form and lands in ${role.space}`, async ({
    browser,
  }) => {
    const page = await newPage(browser);
    await page.goto("/connexion");
    await expectAccessible(page);
    await page.getByLabel("Adresse e-mail").fill(role.email);
    await page.getByLabel("Mot de passe", { exact: true }).fill("Demo-PTCE-2025!");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page).toHaveURL(new RegExp(`${role.space}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(role.heading);
    if (role.also) await expect(page.getByText(role.also).first()).toBeVisible();
    await expect(
      page
        .getByRole("navigation", { name: /menu principal/i })
        .getByRole("link", { name: /./ })
        .first(),
    ).toBeVisible();
    await expectAccessible(page);
  });
}

test("a wrong password and an unknown e-mail get the same clear answer", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/connexion");
  for (const [email, password] of [
    ["porteur2@demo-ptce.fr", "pas le bon mot de passe"],
    ["personne@demo-ptce.fr", "Demo-PTCE-2025!"],
  ]) {
    await page.getByLabel("Adresse e-mail").fill(email!);
    await page.getByLabel("Mot de passe", { exact: true }).fill(password!);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByText("Adresse e-mail ou mot de passe incorrect.")).toBeVisible();
    await expect(page).toHaveURL(/\/connexion$/);
  }
  await expectAccessible(page);
});

test("a malformed e-mail is explained at the field, without a request", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill("claire.riviere");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(
    page.getByText("Saisissez une adresse e-mail valide, par exemple nom@domaine.fr."),
  ).toBeVisible();
  await expect(page.getByText("Saisissez votre mot de passe.")).toBeVisible();
  await expectAccessible(page);
});

test("repeated failures lock the e-mail with a clear message (whether it has an account or not)", async ({
  browser,
}) => {
  const page = await newPage(browser);
  await page.goto("/connexion");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Adresse e-mail").fill("verrouillage@demo-ptce.fr");
    await page.getByLabel("Mot de passe", { exact: true }).fill(`mauvais ${i}`);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByRole("heading", { name: "Connexion impossible" })).toBeVisible();
  }
  await page.getByLabel("Mot de passe", { exact: true }).fill("Demo-PTCE-2025!");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(
    page.getByText(/la connexion à ce compte est suspendue ici pendant 15 minutes/),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/connexion$/);
});

test("every demo account signs in and lands in its space", async ({ browser }) => {
  test.setTimeout(180_000); // sixteen sign-ins, one after the other
  const homes: Record<string, string> = {
    ADMIN: "/admin",
    CNA_MEMBER: "/cna",
    CRA_COORDINATOR: "/cra",
    CRA_EVALUATOR: "/cra",
    APPLICANT: "/mes-dossiers",
  };
  for (const user of DEMO_USERS) {
    const page = await newPage(browser, user.email);
    await page.goto("/apres-connexion");
    await expect(page, user.email).toHaveURL(new RegExp(`${homes[user.roles[0]!.role]}$`));
    await page.context().close();
  }
});

test("a page of another role typed into the address bar is not found", async ({ browser }) => {
  const page = await newPage(browser, "porteur3@demo-ptce.fr");
  for (const path of ["/admin", "/cna", "/cra"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page non trouvée");
    await expect(
      page.getByText("Cette page n'existe pas ou vous n'y avez pas accès."),
    ).toBeVisible();
  }
  await expectAccessible(page);
});

test("a signed-out visitor is asked to sign in, then taken back", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/cna");
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fcna$/);
  await page.getByLabel("Adresse e-mail").fill("cna2@demo-ptce.fr");
  await page.getByLabel("Mot de passe", { exact: true }).fill("Demo-PTCE-2025!");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/cna$/);
});

test("signing out ends the session, on the server too: a copy of its cookie is refused", async ({
  browser,
}) => {
  // A person no other journey signs in as: signing out ends all their sessions.
  const page = await newPage(browser, "evaluation2.occitanie@demo-ptce.fr");
  await page.goto("/cra");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Cellule régionale/);
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/cra");
  await expect(page).toHaveURL(/\/connexion/);

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const replayed = await thief.newPage();
  await replayed.goto("/cra");
  await expect(replayed).toHaveURL(/\/connexion\?callbackUrl=%2Fcra$/);
  await thief.close();
});

test("an unknown address gets the not-found page", async ({ browser }) => {
  const page = await newPage(browser);
  const response = await page.goto("/nulle-part");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page non trouvée");
  await expectAccessible(page);
});

test("the health check answers", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(await response.json()).toEqual({ status: "ok" });
});
