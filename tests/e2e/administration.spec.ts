import { expect, test } from "@playwright/test";
import { expectAccessible, newPage } from "./fixtures";
import { waitForMail } from "./mailbox";

test("an administrator creates the next call by duplicating 2025, changes its grid and dates, invites a regional evaluator who activates the account and sees only that region", async ({
  browser,
}) => {
  const admin = await newPage(browser, "admin@demo-ptce.fr");

  // Duplicate the 2025 call.
  await admin.goto("/admin/appels");
  await expectAccessible(admin);
  await admin
    .getByRole("row", { name: /PTCE » 2025/ })
    .getByRole("button", { name: "Dupliquer" })
    .click();
  await expect(admin.getByRole("heading", { name: "Appel dupliqué" })).toBeVisible();
  await expect(admin.getByLabel("Identifiant")).toHaveValue("ami-ptce-2025-copie");
  await expect(admin.getByLabel("Date limite de dépôt")).toHaveValue("2026-11-02");
  await expectAccessible(admin);

  // Its identity and dates.
  await admin
    .getByLabel("Titre de l'appel")
    .fill("AMI « Financer le développement des PTCE » 2026 — session de printemps");
  await admin.getByLabel("Identifiant").fill("ami-ptce-2026-printemps");
  await admin.getByLabel("Ouverture des candidatures").fill("2026-03-02");
  await admin.getByLabel("Date limite de dépôt").fill("2026-04-15");
  await admin.getByLabel("Fin de l'instruction régionale (facultatif)").fill("2026-05-15");
  await admin.getByLabel("Fin de l'analyse nationale (facultatif)").fill("2026-06-01");
  await admin.getByLabel("Publication des résultats (facultatif)").fill("2026-06-15");

  // A grid whose weights do not sum to 100 % is refused at the field…
  const weights = admin.getByLabel("Pondération (%)");
  await weights.nth(0).fill("40");
  await expect(admin.getByText("Total des pondérations : 115 %")).toBeVisible();
  await admin.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(
    admin.getByText("Les pondérations doivent totaliser 100 % (actuellement 115 %)."),
  ).toBeVisible();
  await expect(
    admin.getByRole("heading", { name: "L'appel n'a pas été enregistré" }),
  ).toBeVisible();

  // …a deadline before the opening too…
  await admin.getByLabel("Date limite de dépôt").fill("2026-02-01");
  await weights.nth(0).fill("30");
  await weights.nth(2).fill("10");
  await admin.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(
    admin.getByText("La date limite de dépôt doit suivre la date d'ouverture."),
  ).toBeVisible();

  // …then the corrected call is saved.
  await admin.getByLabel("Date limite de dépôt").fill("2026-04-15");
  await admin.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(admin.getByRole("heading", { name: "Modifications enregistrées" })).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(
    "AMI « Financer le développement des PTCE » 2026 — session de printemps",
  );
  await expect(admin.getByLabel("Date limite de dépôt")).toHaveValue("2026-04-15");
  await expect(admin.getByLabel("Pondération (%)").nth(0)).toHaveValue("30");
  await expect(admin.getByText("Total des pondérations : 100 %")).toBeVisible();

  // Invite an evaluator for Normandie.
  await admin.goto("/admin/utilisateurs/inviter");
  await admin.getByLabel("Nom complet").fill("Anne Lemarchand");
  await admin.getByLabel("Adresse e-mail").fill("anne.lemarchand@demo-ptce.fr");
  await admin.getByLabel("Rôle 1", { exact: true }).selectOption("CRA_EVALUATOR");
  await admin.getByLabel("Région du rôle 1").selectOption({ label: "Normandie" });
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(admin.getByRole("heading", { name: "Invitation envoyée" })).toBeVisible();
  await expect(admin.getByRole("row", { name: /Anne Lemarchand/ })).toContainText("Invité");

  // She opens the link of the e-mail, chooses her password and signs in.
  const mail = await waitForMail(
    "anne.lemarchand@demo-ptce.fr",
    "Activez votre compte sur la plateforme AMI PTCE",
  );
  const link = /http:\/\/localhost:\d+\/activation\/[\w-]+/.exec(mail.body)![0];
  const evaluator = await newPage(browser);
  await evaluator.goto(link);
  await expect(evaluator.getByText("Bonjour Anne Lemarchand")).toBeVisible();
  await expectAccessible(evaluator);
  await evaluator.getByLabel("Mot de passe", { exact: true }).fill("court");
  await evaluator.getByRole("button", { name: "Activer mon compte" }).click();
  await expect(
    evaluator.getByText("Le mot de passe doit contenir au moins 12 caractères."),
  ).toBeVisible();
  await evaluator.getByLabel("Mot de passe", { exact: true }).fill("Normandie-Coopère-2026");
  await evaluator
    .getByLabel("Confirmation du mot de passe", { exact: true })
    .fill("Normandie-Coopère-2026");
  await evaluator.getByRole("button", { name: "Activer mon compte" }).click();
  await expect(evaluator.getByRole("heading", { name: "Compte activé" })).toBeVisible();
  await evaluator.getByLabel("Adresse e-mail").fill("anne.lemarchand@demo-ptce.fr");
  await evaluator.getByLabel("Mot de passe", { exact: true }).fill("Normandie-Coopère-2026");
  await evaluator.getByRole("button", { name: "Se connecter" }).click();
  await expect(evaluator).toHaveURL(/\/cra$/);
  await expect(evaluator.getByText("Votre région : Normandie")).toBeVisible();
  await expect(evaluator.getByRole("heading", { name: "Normandie", level: 2 })).toBeVisible();
  await expect(evaluator.getByRole("heading", { name: "Bretagne" })).toHaveCount(0);
  await expectAccessible(evaluator);

  // The link works once.
  await evaluator.goto(link);
  await expect(evaluator.getByRole("heading", { name: "Ce lien n'est plus valide" })).toBeVisible();

  // Every step is in the audit trail, which verifies.
  await admin.goto("/admin/journal?action=user.");
  await expect(admin.getByRole("cell", { name: "user.activate" })).toBeVisible();
  await admin.getByRole("button", { name: "Vérifier l'intégrité du journal" }).click();
  await expect(
    admin.getByText(/Chaîne intacte : \d+ événements vérifiés, du .+ au .+\./),
  ).toBeVisible();
  await expectAccessible(admin);
});

test("the last administrator cannot deactivate their own account", async ({ browser }) => {
  const admin = await newPage(browser, "admin@demo-ptce.fr");
  await admin.goto("/admin/utilisateurs?q=admin%40demo-ptce.fr");
  await admin.getByRole("main").getByRole("link", { name: "Agnès Lefèvre" }).click();
  await admin.getByRole("button", { name: "Désactiver le compte" }).click();
  await admin.getByRole("button", { name: "Confirmer la désactivation" }).click();
  await expect(
    admin.getByText(
      "Il doit rester au moins un administrateur actif : désignez-en un autre avant.",
    ),
  ).toBeVisible();
  await expectAccessible(admin);
});

test("an unknown call or user id is not found", async ({ browser }) => {
  const admin = await newPage(browser, "admin@demo-ptce.fr");
  for (const path of [
    "/admin/appels/cl0000000000000000000000",
    "/admin/utilisateurs/cl0000000000000000000000",
  ]) {
    const response = await admin.goto(path);
    expect(response?.status()).toBe(404);
  }
});

test("administration pages are not found for other roles", async ({ browser }) => {
  const cna = await newPage(browser, "cna1@demo-ptce.fr");
  for (const path of ["/admin/appels", "/admin/utilisateurs", "/admin/journal"]) {
    const response = await cna.goto(path);
    expect(response?.status()).toBe(404);
  }
});
