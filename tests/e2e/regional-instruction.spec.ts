import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, newPage } from "./fixtures";
import { waitForMail } from "./mailbox";
import { REGIONAL_SCENARIO } from "./scenarios/names";

const LIST = `/cra?appel=${REGIONAL_SCENARIO.slug}`;
const CRITERIA = [
  "Animation territoriale",
  "Ingénierie de projet",
  "Recherche et innovation",
  "Viabilité économique",
  "Ancrage territorial",
];

async function openDossier(page: Page) {
  await page.goto(LIST);
  await page.getByRole("link", { name: /^AMI\d{4}-BRE-\d{3}$/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

async function declareNoConflict(page: Page) {
  await expect(page.getByRole("heading", { name: "Déclaration d'intérêts" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Contenu du dossier" })).toHaveCount(0); // nothing of the content before
  await page
    .getByLabel("Non, je n'ai aucun conflit d'intérêts avec ce dossier")
    .check({ force: true }); // DSFR draws the label over the input
  await page.getByRole("button", { name: "Enregistrer ma déclaration" }).click();
  await expect(page.getByRole("heading", { name: "Contenu du dossier" })).toBeVisible();
}

async function score(page: Page, levels: number[], recommendation: string) {
  for (const [i, criterion] of CRITERIA.entries()) {
    const group = page.getByRole("group", { name: new RegExp(`^Note du critère « ${criterion}`) });
    await group.getByLabel(new RegExp(`^${levels[i]} — `)).check({ force: true }); // DSFR draws the label over the input
    await page
      .getByLabel(new RegExp(`^Commentaire sur « ${criterion}`))
      .fill(`Appréciation argumentée du critère ${i + 1}.`);
  }
  await page.getByLabel(recommendation, { exact: true }).check({ force: true }); // DSFR draws the label over the input
  await page.getByRole("button", { name: "Soumettre l'évaluation" }).click();
  await page.getByRole("button", { name: "Confirmer la soumission" }).click();
  await expect(page.getByText("Soumise le")).toBeVisible();
}

test("a coordinator checks a dossier and assigns two evaluators, who score it; the coordinator writes the opinion, ranks and finalises the region", async ({
  browser,
}) => {
  test.setTimeout(240_000); // four people, some twenty pages
  const coordinator = await newPage(browser, "coordination.bretagne@demo-ptce.fr");
  await coordinator.goto(LIST);
  await expect(
    coordinator.getByRole("heading", { name: `Bretagne · ${REGIONAL_SCENARIO.title}` }),
  ).toBeVisible();
  await expect(coordinator.getByRole("cell", { name: "Déclarer vos intérêts" })).toBeVisible();
  await expectAccessible(coordinator);

  await openDossier(coordinator);
  await expectAccessible(coordinator);
  await declareNoConflict(coordinator);
  await coordinator
    .getByLabel("Complet et recevable : le dossier passe à l'évaluation")
    .check({ force: true }); // DSFR draws the label over the input
  await coordinator.getByRole("button", { name: "Enregistrer la décision" }).click();
  await expect(coordinator.getByRole("heading", { name: "Évaluateurs" })).toBeVisible();
  // Fewer than the minimum is refused at the field.
  await coordinator.getByLabel(/^Maëlle Tanguy/).check({ force: true }); // DSFR draws the label over the input
  await coordinator.getByRole("button", { name: "Enregistrer l'affectation" }).click();
  await expect(coordinator.getByText("Choisissez au moins 2 évaluateurs.")).toBeVisible();
  await coordinator.getByLabel(/^Erwan Kerbrat/).check({ force: true }); // DSFR draws the label over the input
  await coordinator.getByRole("button", { name: "Enregistrer l'affectation" }).click();
  await expect(coordinator.getByText("Affectation enregistrée")).toBeVisible();
  await waitForMail("evaluation1.bretagne@demo-ptce.fr", "Un dossier vous est confié - AMI PTCE");
  await expectAccessible(coordinator);

  // Each evaluator declares no conflict, then scores on the grid; a missing comment is refused at the field.
  const first = await newPage(browser, "evaluation1.bretagne@demo-ptce.fr");
  await first.goto(`${LIST}&mes=1`);
  await expect(first.getByRole("cell", { name: "Déclarer vos intérêts" })).toBeVisible();
  await openDossier(first);
  await declareNoConflict(first);
  await first
    .getByRole("group", { name: /^Note du critère « Animation territoriale/ })
    .getByLabel(/^4 — /)
    .check({ force: true }); // DSFR draws the label over the input
  await expect(first.getByText("Note pondérée : à compléter")).toBeVisible();
  await first.getByRole("button", { name: "Soumettre l'évaluation" }).click(); // checked before the confirmation is asked
  await expect(
    first.getByText("Justifiez la note de ce critère par un commentaire.").first(),
  ).toBeVisible();
  await expect(first.getByRole("button", { name: "Confirmer la soumission" })).toHaveCount(0);
  await expectAccessible(first);
  await score(first, [4, 4, 3, 4, 5], "Favorable");

  const second = await newPage(browser, "evaluation2.bretagne@demo-ptce.fr");
  await openDossier(second);
  await declareNoConflict(second);
  await score(second, [3, 4, 3, 3, 4], "Favorable avec réserves");

  // The coordinator sees the synthesis and writes the opinion; an amount out of bounds is refused.
  await coordinator.reload();
  await expect(
    coordinator.getByRole("table", { name: "Notes par critère et par évaluateur" }),
  ).toBeVisible();
  // Erwan Kerbrat (68) then Maëlle Tanguy (80), by name; mean 74 ± 6, spread 12.
  await expect(
    coordinator.getByRole("row", {
      name: /Note pondérée \(sur 100\) 68,00 80,00 74,00 ± 6,00 12,00/,
    }),
  ).toBeVisible();
  await expectAccessible(coordinator);
  await coordinator.getByLabel("Favorable", { exact: true }).check({ force: true }); // DSFR draws the label over the input
  await expect(coordinator.getByLabel("Note consolidée (sur 100)")).toHaveValue("74");
  await coordinator.getByLabel("Montant proposé (€)").fill("95 000");
  await coordinator
    .getByLabel("Motivation")
    .fill("Une gouvernance claire et des retombées concrètes ; viabilité à suivre.");
  await coordinator.getByRole("button", { name: "Enregistrer l'avis" }).click();
  await expect(
    coordinator.getByText(/Le montant proposé doit être compris entre 30\s000\s€ et 80\s000\s€/),
  ).toBeVisible();
  await coordinator.getByLabel("Montant proposé (€)").fill("55 000");
  await coordinator.getByRole("button", { name: "Enregistrer l'avis" }).click();
  await expect(coordinator.getByText("Avis régional enregistré.")).toBeVisible();

  // Ranking, then finalisation with confirmation.
  await coordinator.goto(LIST);
  await coordinator.getByRole("link", { name: "Classement régional" }).click();
  await expectAccessible(coordinator);
  await coordinator.getByRole("button", { name: "Enregistrer le classement" }).click();
  await expect(coordinator.getByText("Classement enregistré.")).toBeVisible();
  await coordinator.goto(LIST);
  await coordinator
    .getByRole("button", { name: "Finaliser et transmettre à la cellule nationale" })
    .click();
  await coordinator.getByRole("button", { name: "Confirmer la finalisation" }).click();
  await expect(coordinator.getByText(/Résultats finalisés le/)).toBeVisible();
  await expect(coordinator.getByRole("cell", { name: /Favorable · 1/ })).toBeVisible();
  await waitForMail("cna1@demo-ptce.fr", "Résultats régionaux transmis : Bretagne - AMI PTCE");

  // Frozen: the evaluator reads their evaluation but can no longer change anything.
  await openDossier(first);
  await expect(first.getByRole("button", { name: "Soumettre l'évaluation" })).toHaveCount(0);
});

test("another region's cell and an applicant get « page non trouvée » for a dossier of Bretagne", async ({
  browser,
}) => {
  const coordinator = await newPage(browser, "coordination.bretagne@demo-ptce.fr");
  await coordinator.goto("/cra?appel=ami-ptce-2025");
  const href = await coordinator
    .getByRole("link", { name: /^AMI2025-BRE-\d{3}$/ })
    .first()
    .getAttribute("href");
  expect(href).toMatch(/^\/cra\/dossiers\//);
  for (const email of ["coordination.occitanie@demo-ptce.fr", "porteur1@demo-ptce.fr"]) {
    const page = await newPage(browser, email);
    const response = await page.goto(href!);
    expect(response?.status(), email).toBe(404);
    await expect(page.getByRole("heading", { name: "Page non trouvée" })).toBeVisible();
  }
});
