import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { expectAccessible, newPage } from "./fixtures";
import { waitForMail } from "./mailbox";

test("a coordinator of a pole creates an account, confirms the e-mail and reaches the applicant space", async ({
  browser,
}) => {
  const page = await newPage(browser);
  await page.goto("/connexion");
  await page.getByRole("link", { name: "Créer un compte" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Créer un compte de porteur de projet",
  );
  await expectAccessible(page);

  // Bad input is explained at each field.
  await page.getByLabel("Prénom et nom").fill("L");
  await page.getByLabel("Adresse e-mail").fill("louise.martin");
  await page.getByLabel("Mot de passe", { exact: true }).fill("court");
  await page.getByLabel("Confirmation du mot de passe", { exact: true }).fill("autre");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByText("Saisissez vos prénom et nom.")).toBeVisible();
  await expect(
    page.getByText("Saisissez une adresse e-mail valide, par exemple nom@domaine.fr."),
  ).toBeVisible();
  await expect(
    page.getByText("Le mot de passe doit contenir au moins 12 caractères."),
  ).toBeVisible();
  await expect(page.getByText("Les deux mots de passe ne sont pas identiques.")).toBeVisible();

  await page.getByLabel("Prénom et nom").fill("Louise Martin");
  await page.getByLabel("Adresse e-mail").fill("louise.martin@pole-bocage.fr");
  await page.getByLabel("Mot de passe", { exact: true }).fill("Coopérer-en-Bocage-2026");
  await page
    .getByLabel("Confirmation du mot de passe", { exact: true })
    .fill("Coopérer-en-Bocage-2026");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByRole("heading", { name: "Vérifiez votre messagerie" })).toBeVisible();

  // Signing in before confirming is explained.
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill("louise.martin@pole-bocage.fr");
  await page.getByLabel("Mot de passe", { exact: true }).fill("Coopérer-en-Bocage-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText("Votre adresse e-mail n'est pas encore confirmée.")).toBeVisible();

  const mail = await waitForMail(
    "louise.martin@pole-bocage.fr",
    "Confirmez votre adresse e-mail - AMI PTCE",
  );
  const link = /http:\/\/localhost:\d+\/inscription\/confirmer\/[\w-]+/.exec(mail.body)![0];
  await page.goto(link);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirmer mon adresse e-mail" }).click();
  await expect(page.getByRole("heading", { name: "Compte activé" })).toBeVisible();
  await page.getByLabel("Adresse e-mail").fill("louise.martin@pole-bocage.fr");
  await page.getByLabel("Mot de passe", { exact: true }).fill("Coopérer-en-Bocage-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/mes-dossiers$/);
  await expect(page.getByText("Vous n'avez pas encore de dossier de candidature.")).toBeVisible();
});

test("a forgotten password is replaced through the e-mailed link", async ({ browser }) => {
  const page = await newPage(browser);
  // An account of its own (the demo accounts keep their password for the other tests).
  await page.goto("/inscription");
  await page.getByLabel("Prénom et nom").fill("Paul Oubli");
  await page.getByLabel("Adresse e-mail").fill("paul.oubli@demo-ptce.fr");
  await page.getByLabel("Mot de passe", { exact: true }).fill("Un-premier-mot-de-passe");
  await page
    .getByLabel("Confirmation du mot de passe", { exact: true })
    .fill("Un-premier-mot-de-passe");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByRole("heading", { name: "Vérifiez votre messagerie" })).toBeVisible();

  await page.goto("/mot-de-passe-oublie");
  await expectAccessible(page);
  await page.getByLabel("Adresse e-mail").fill("paul.oubli@demo-ptce.fr");
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(
    page.getByText("Si un compte existe avec cette adresse, un e-mail vient de lui être envoyé."),
  ).toBeVisible();
  const mail = await waitForMail(
    "paul.oubli@demo-ptce.fr",
    "Réinitialisation de votre mot de passe - AMI PTCE",
  );
  await page.goto(/http:\/\/localhost:\d+\/mot-de-passe\/[\w-]+/.exec(mail.body)![0]);
  await page.getByLabel("Mot de passe", { exact: true }).fill("Un-nouveau-mot-de-passe-2026");
  await page
    .getByLabel("Confirmation du mot de passe", { exact: true })
    .fill("Un-nouveau-mot-de-passe-2026");
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page.getByRole("heading", { name: "Mot de passe enregistré" })).toBeVisible();
  await page.getByLabel("Adresse e-mail").fill("paul.oubli@demo-ptce.fr");
  await page.getByLabel("Mot de passe", { exact: true }).fill("Un-nouveau-mot-de-passe-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/mes-dossiers$/);
});

test("a person downloads their own data from their account page (RGPD)", async ({ browser }) => {
  const page = await newPage(browser, "porteur2@demo-ptce.fr");
  await page.goto("/mon-compte");
  await expect(page.getByRole("heading", { name: "Mes données personnelles" })).toBeVisible();
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Télécharger mes données (ZIP)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^mes-donnees-ami-ptce-\d{4}-\d{2}-\d{2}\.zip$/);
  const bytes = readFileSync((await download.path())!);
  const json = JSON.parse(strFromU8(unzipSync(new Uint8Array(bytes))["donnees.json"]!));
  expect(json.account.email).toBe("porteur2@demo-ptce.fr");
});
