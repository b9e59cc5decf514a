import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, newPage } from "./fixtures";
import { waitForMail } from "./mailbox";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const EMAIL = "nadia.benali@pole-rives.fr";
const PASSWORD = "Rives-Solidaires-2026";

async function waitSaved(page: Page) {
  await expect(page.getByText(/Enregistré à \d\d h \d\d/)).toBeVisible({ timeout: 15_000 });
}

test("a new applicant goes from nothing to a submitted, acknowledged dossier", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const page = await newPage(browser);

  // Sign up and confirm the e-mail.
  await page.goto("/inscription");
  await page.getByLabel("Prénom et nom").fill("Nadia Benali");
  await page.getByLabel("Adresse e-mail").fill(EMAIL);
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirmation du mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByRole("heading", { name: "Vérifiez votre messagerie" })).toBeVisible();
  const confirmation = await waitForMail(EMAIL, "Confirmez votre adresse e-mail - AMI PTCE");
  await page.goto(
    /http:\/\/localhost:\d+\/inscription\/confirmer\/[\w-]+/.exec(confirmation.body)![0],
  );
  await page.getByRole("button", { name: "Confirmer mon adresse e-mail" }).click();
  await page.getByLabel("Adresse e-mail").fill(EMAIL);
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/mes-dossiers$/);

  // The pole, with bad input explained at the field first.
  await page.getByRole("link", { name: "Présenter mon pôle" }).click();
  await page.getByLabel("Nom du pôle").fill("Pôle Rives Solidaires");
  await page.getByLabel(/^Structure porteuse/).fill("Association Rives en commun");
  await page.getByLabel("SIRET de la structure porteuse").fill("732 829 320 00075");
  await page.getByLabel("Forme juridique").selectOption("ASSOCIATION");
  await page.getByLabel("Adresse", { exact: true }).fill("3 quai de la Vilaine");
  await page.getByLabel("Commune").fill("Redon");
  await page.getByLabel("Code postal").fill("29200");
  await page.getByLabel("Département").selectOption("35");
  await page.getByLabel("Type de territoire").selectOption("RURAL");
  await page.getByLabel("Nom du membre 1").fill("Scic Rives");
  await page.getByLabel("Catégorie du membre 1").selectOption("ESS_ENTERPRISE");
  await page.getByRole("button", { name: "Enregistrer le pôle" }).click();
  await expect(
    page.getByText("Ce numéro SIRET n'est pas valide : vérifiez-le sur l'avis de situation INSEE."),
  ).toBeVisible();
  await expect(
    page.getByText("Ce code postal n'appartient pas au département choisi."),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("SIRET de la structure porteuse").fill("732 829 320 00074");
  await page.getByLabel("Code postal").fill("35600");
  for (const [i, name, category] of [
    [2, "Garage Martin", "OTHER_ENTERPRISE"],
    [3, "Redon Agglomération", "LOCAL_AUTHORITY"],
  ] as const) {
    await page.getByRole("button", { name: "Ajouter un membre" }).click();
    await page.getByLabel(`Nom du membre ${i}`).fill(name);
    await page.getByLabel(`Catégorie du membre ${i}`).selectOption(category);
  }
  await expect(
    page.getByText("La composition du pôle remplit les conditions de l'appel"),
  ).toBeVisible();
  await page.getByRole("button", { name: "Enregistrer le pôle" }).click();
  await expect(page).toHaveURL(/\/mes-dossiers\?pole=1$/);

  // The dossier, step by step, autosaved.
  await page.getByRole("button", { name: "Créer mon dossier de candidature" }).click();
  await expect(page).toHaveURL(/\/mes-dossiers\/[\w-]+$/);
  const dossierUrl = page.url();
  await page.getByLabel("Intitulé du projet").fill("Les Rives, atelier partagé de réemploi");
  await page
    .getByLabel("Présentation du projet")
    .fill("Un atelier coopératif de réemploi des matériaux du bâtiment au pays de Redon.");
  await waitSaved(page);
  await page.getByRole("button", { name: "Étape suivante" }).click();
  await page.getByLabel(/^Gouvernance/).fill("Un conseil coopératif où chaque collège a une voix.");
  await page
    .getByLabel("Coopération entre les membres")
    .fill("Les membres partagent l'atelier, les outils et un salarié.");
  await waitSaved(page);

  // A reload in the middle: nothing is lost.
  await page.reload();
  await page.getByRole("button", { name: "2. Gouvernance et coopération" }).click();
  await expect(page.getByLabel("Coopération entre les membres")).toHaveValue(
    "Les membres partagent l'atelier, les outils et un salarié.",
  );
  await page.getByRole("button", { name: "1. Présentation" }).click();
  await expect(page.getByLabel("Intitulé du projet")).toHaveValue(
    "Les Rives, atelier partagé de réemploi",
  );
  await expectAccessible(page);

  await page.getByRole("button", { name: "3. Les leviers" }).click();
  await page.getByLabel("Animation territoriale").fill("Animation de 40 acteurs du territoire.");
  await page
    .getByLabel("Ingénierie de projet")
    .fill("Une étude de filière et un modèle économique.");
  await page
    .getByLabel("Recherche et innovation")
    .fill("Un partenariat avec l'université de Rennes.");
  await page.getByRole("button", { name: "Étape suivante" }).click();
  await page.getByLabel("Impacts économiques attendus").fill("Quatre emplois.");
  await page.getByLabel("Impacts sociaux attendus").fill("Des parcours d'insertion.");
  await page.getByLabel("Impacts écologiques attendus").fill("300 tonnes de matériaux réemployés.");
  await page.getByRole("button", { name: "Ajouter un indicateur" }).click();
  await page.getByLabel("Indicateur 1").fill("Matériaux réemployés");
  await page.getByLabel("Cible année 1 (1)").fill("100 t");
  await page.getByLabel("Cible année 2 (1)").fill("200 t");
  await page.getByRole("button", { name: "Étape suivante" }).click();

  // The budget: an unbalanced one is shown live.
  await page.getByRole("button", { name: "Ajouter une dépense" }).click();
  await page.getByLabel("Intitulé de la dépense 1").fill("Coordinatrice");
  await page.getByLabel("Montant de la dépense 1 (€)").fill("90000");
  await page.getByRole("button", { name: "Ajouter un financement" }).click();
  await page.getByLabel("Montant du financement 1 (€)").fill("60000");
  await expect(page.getByText(/Le budget n'est pas équilibré : écart de 30\s000\s€/)).toBeVisible();
  await page.getByRole("button", { name: "Ajouter un financement" }).click();
  await page.getByLabel("Origine du financement 2").selectOption("SELF_FINANCING");
  await page.getByLabel("Statut du financement 2").selectOption("SECURED");
  await page.getByLabel("Montant du financement 2 (€)").fill("30000");
  await expect(page.getByText(/Montant demandé à l'appel : 60\s000\s€/)).toBeVisible();
  await expect(page.getByText("Le budget n'est pas équilibré")).toHaveCount(0);
  await waitSaved(page);
  await expectAccessible(page);

  // The documents, checked by their content.
  await page.getByRole("button", { name: "7. Pièces jointes" }).click();
  await page.getByLabel("Ajouter un fichier : Statuts de la structure porteuse").setInputFiles({
    name: "statuts.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<html>pas un pdf</html>"),
  });
  await expect(page.getByText(/Ce type de fichier n'est pas accepté/)).toBeVisible();
  for (const label of [
    "Statuts de la structure porteuse",
    "Budget prévisionnel sur deux ans",
    "Lettres de soutien ou d'engagement des membres",
    "Relevé d'identité bancaire (RIB)",
    "Attestation sur l'honneur signée",
  ]) {
    await page
      .getByLabel(`Ajouter un fichier : ${label}`)
      .setInputFiles({ name: `${label}.pdf`, mimeType: "application/pdf", buffer: PDF });
    await expect(
      page.getByRole("link", { name: new RegExp(`${label.replace(/[()]/g, ".")}\\.pdf`) }),
    ).toBeVisible();
  }
  await expectAccessible(page);

  // A file removed only once the removal is confirmed, then sent again.
  await page
    .getByRole("button", { name: "Supprimer Relevé d'identité bancaire (RIB).pdf" })
    .click();
  await page.getByRole("button", { name: "Annuler" }).click();
  await page
    .getByRole("button", { name: "Supprimer Relevé d'identité bancaire (RIB).pdf" })
    .click();
  await page
    .getByRole("button", {
      name: "Confirmer la suppression de Relevé d'identité bancaire (RIB).pdf",
    })
    .click();
  await expect(
    page.getByRole("link", { name: /Relevé d'identité bancaire .RIB.\.pdf/ }),
  ).toHaveCount(0);
  await page.getByLabel("Ajouter un fichier : Relevé d'identité bancaire (RIB)").setInputFiles({
    name: "Relevé d'identité bancaire (RIB).pdf",
    mimeType: "application/pdf",
    buffer: PDF,
  });
  await expect(
    page.getByRole("link", { name: /Relevé d'identité bancaire .RIB.\.pdf/ }),
  ).toBeVisible();

  // Submission.
  await page.getByRole("button", { name: "8. Récapitulatif et dépôt" }).click();
  await expect(page.getByText("Le dossier est complet : vous pouvez le déposer.")).toBeVisible();
  await page.getByRole("button", { name: "Déposer le dossier" }).click();
  await expect(
    page.getByText("Cochez la déclaration sur l'honneur pour déposer le dossier."),
  ).toBeVisible();
  await page.getByText("Je certifie sur l'honneur").click();
  await page.getByRole("button", { name: "Déposer le dossier" }).click();
  await expect(
    page.getByRole("heading", { name: /Dossier déposé : AMI\d{4}-BRE-\d{3}/ }),
  ).toBeVisible();
  const reference = /AMI\d{4}-BRE-\d{3}/.exec(
    (await page.getByRole("heading", { name: /Dossier déposé/ }).textContent())!,
  )![0];
  await expectAccessible(page);

  // The receipt, downloaded and received by e-mail.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Télécharger l'accusé de réception (PDF)" }).click();
  const file = await (await download).path();
  expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
  const receipt = await waitForMail(
    EMAIL,
    `Accusé de réception de votre dossier ${reference} - AMI PTCE`,
  );
  expect(receipt.body).toContain(reference);

  // Frozen: the dossier is read-only, and the list shows it submitted.
  await page.goto(dossierUrl);
  await expect(page.getByText("Contenu du dossier")).toBeVisible();
  await expect(page.getByLabel("Intitulé du projet")).toHaveCount(0);
  await page.goto("/mes-dossiers");
  await expect(page.getByRole("row", { name: new RegExp(reference) })).toContainText("Déposé");
});

test("another applicant's dossier typed in the address bar is not found", async ({ browser }) => {
  const owner = await newPage(browser, "porteur3@demo-ptce.fr");
  await owner.goto("/mes-dossiers/pole");
  await expect(owner.getByRole("heading", { level: 1 })).toHaveText("Mon pôle"); // porteur3 applied to the 2025 edition
  const other = await newPage(browser, "porteur3@demo-ptce.fr");
  const response = await other.goto("/mes-dossiers/cl0000000000000000000000");
  expect(response?.status()).toBe(404);
  const download = await other.request.get("/api/pieces/cl0000000000000000000000");
  expect(download.status()).toBe(404);
});
