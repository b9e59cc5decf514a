// Issue 6: the laureate downloads the convention and uploads it signed; the national cell countersigns
// and records the first payment; the pole files its interim report; the cell accepts it; the second
// payment is recorded. Data: tests/e2e/scenarios/after.ts (porteur4, a call of its own, convention sent).
import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, newPage } from "./fixtures";
import { waitForMail } from "./mailbox";
import { AFTER_SCENARIO } from "./scenarios/after-data";

const SIGNED_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const NUMBER = "PTCE-2023-001";

async function openDossier(page: Page) {
  await page.goto("/mes-dossiers");
  await page
    .getByRole("link", { name: /Ressourcerie maritime de la Rance/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: `Convention ${NUMBER}` })).toBeVisible();
}

async function openConvention(page: Page) {
  await page.goto(`/cna/conventions?appel=${AFTER_SCENARIO.callSlug}`);
  await page.getByRole("link", { name: NUMBER }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Convention ${NUMBER}` })).toBeVisible();
}

async function pay(page: Page, tranche: RegExp, reference: string) {
  const form = page.locator("form", {
    has: page.getByRole("heading", { name: "Enregistrer un versement" }),
  });
  const option = await form
    .getByLabel("Tranche")
    .locator("option")
    .filter({ hasText: tranche })
    .first()
    .getAttribute("value");
  await form.getByLabel("Tranche").selectOption(option!);
  await form.getByLabel("Référence comptable").fill(reference);
  await form.getByRole("button", { name: "Enregistrer le versement" }).click();
  await form.getByRole("button", { name: "Confirmer le versement" }).click();
  return form;
}

test("after the decision: convention signed and countersigned, payments, interim report accepted", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // The laureate downloads the convention, then uploads it signed (a PDF, confirmed first).
  const pole = await newPage(browser, AFTER_SCENARIO.email);
  await openDossier(pole);
  await expectAccessible(pole);
  const [download] = await Promise.all([
    pole.waitForEvent("download"),
    pole.getByRole("link", { name: "Télécharger la convention (PDF)" }).click(),
  ]);
  expect(
    readFileSync((await download.path())!)
      .subarray(0, 5)
      .toString(),
  ).toBe("%PDF-");
  await pole.getByLabel("Convention signée").setInputFiles({
    name: "convention-signee.pdf",
    mimeType: "application/pdf",
    buffer: SIGNED_PDF,
  });
  await pole.getByRole("button", { name: "Déposer convention-signee.pdf" }).click();
  await pole.getByRole("button", { name: "Confirmer le dépôt de la convention signée" }).click();
  await expect(pole.getByText("Signée par le porteur")).toBeVisible();
  await expect(pole.getByRole("link", { name: "Télécharger la copie signée" })).toBeVisible();

  // The national cell countersigns and records the first payment; the second tranche is refused for now.
  const cna = await newPage(browser, "cna1@demo-ptce.fr");
  await cna.goto(`/cna/conventions?appel=${AFTER_SCENARIO.callSlug}`);
  await expectAccessible(cna);
  await openConvention(cna);
  await cna.getByRole("button", { name: "Contresigner la convention" }).click();
  await cna.getByRole("button", { name: "Confirmer la contre-signature" }).click();
  await expect(cna.getByText("Contresignée", { exact: true })).toBeVisible();
  await waitForMail(AFTER_SCENARIO.email, `Convention ${NUMBER} contresignée - AMI PTCE`);
  await expectAccessible(cna);
  await pay(cna, /Avance/, "EJ-2024-0001");
  await expect(cna.getByRole("table", { name: "Versements enregistrés" })).toContainText(
    "EJ-2024-0001",
  );
  const refused = await pay(cna, /Solde/, "EJ-2024-0002");
  await expect(
    refused.getByText(/n'est versée qu'après acceptation du bilan intermédiaire/),
  ).toBeVisible();

  // The pole sees the payment and files its interim report.
  await openDossier(pole);
  await expect(pole.getByText(/EJ-2024-0001/)).toBeVisible();
  await pole.getByRole("link", { name: "Bilan intermédiaire" }).click();
  await expect(pole.getByRole("heading", { level: 1 })).toContainText("Bilan intermédiaire");
  await expectAccessible(pole);
  await pole
    .getByLabel("Actions menées")
    .fill(
      "La ressourcerie a ouvert en mars ; quatorze ateliers de réparation ont réuni plaisanciers et chantiers.",
    );
  await pole.getByLabel("Matériel nautique réemployé (t)").fill("35");
  await pole
    .getByLabel("Bilan financier")
    .fill("Dépenses de personnel et d'équipement conformes au budget.");
  await pole.getByRole("button", { name: "Déposer le bilan" }).click();
  await pole.getByRole("button", { name: "Confirmer le dépôt du bilan" }).click();
  await expect(
    pole.getByText(/Bilan déposé le .* : la cellule nationale l'examine\./),
  ).toBeVisible();
  await expectAccessible(pole);

  // The cell accepts the report, then records the second payment.
  await openConvention(cna);
  await expect(cna.getByText("La ressourcerie a ouvert en mars")).toBeVisible();
  await cna.getByText("Accepter le bilan").click();
  await cna.getByRole("button", { name: "Enregistrer l'examen" }).click();
  await expect(cna.getByText(/^Accepté · à déposer/)).toBeVisible();
  await waitForMail(AFTER_SCENARIO.email, "Bilan intermédiaire accepté - AMI PTCE");
  await pay(cna, /Solde/, "EJ-2024-0002");
  await expect(cna.getByRole("table", { name: "Versements enregistrés" })).toContainText(
    "EJ-2024-0002",
  );
  await expect(cna.getByText(/versé\s*60\s000\s€/)).toBeVisible();
  await expect(cna.getByRole("heading", { name: "Enregistrer un versement" })).toHaveCount(0); // all paid
  await expectAccessible(cna);
});

test("statistics, exports and an API token of the national cell", async ({ browser }) => {
  const cna = await newPage(browser, "cna1@demo-ptce.fr");
  await cna.goto(`/cna/statistiques?appel=${AFTER_SCENARIO.callSlug}`);
  await expect(cna.getByRole("img", { name: /Du brouillon au versement/ })).toBeVisible();
  await expectAccessible(cna);
  const csv = await cna.request.get(
    `/api/exports/conventions?appel=${AFTER_SCENARIO.callSlug}&format=csv`,
  );
  expect(csv.status()).toBe(200);
  expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(await csv.text()).toContain(NUMBER);

  await cna.goto("/mon-compte");
  await cna.getByLabel("Nom du jeton").fill("Tableau de bord e2e");
  await cna.getByText("Conventions (conventions:read)").click();
  await cna.getByRole("button", { name: "Créer le jeton" }).click();
  const token = (await cna.getByTestId("new-token").textContent())!.trim();
  await expectAccessible(cna);
  const api = await cna.request.get("/api/v1/conventions", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(api.status()).toBe(200);
  expect(JSON.stringify(await api.json())).toContain(NUMBER);
  const beyond = await cna.request.get("/api/v1/payments", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(beyond.status()).toBe(403);

  const coordinator = await newPage(browser, "coordination.bretagne@demo-ptce.fr");
  await coordinator.goto(`/cra/statistiques?appel=${AFTER_SCENARIO.callSlug}`);
  await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText(
    "Statistiques régionales",
  );
  await expectAccessible(coordinator);
  // An applicant reaches neither the national cell's conventions nor the exports.
  const applicant = await newPage(browser, AFTER_SCENARIO.email);
  expect((await applicant.goto("/cna/conventions"))?.status()).toBe(404);
  expect(
    (
      await applicant.request.get(
        `/api/exports/dossiers?appel=${AFTER_SCENARIO.callSlug}&format=csv`,
      )
    ).status(),
  ).toBe(404);
});
