import { expect, test } from "@playwright/test";
import { DECISION_SUBJECT } from "../../lib/mail/national-templates";
import { expectAccessible, newPage } from "./fixtures";
import { waitForMail } from "./mailbox";
import { NATIONAL_SCENARIO } from "./scenarios/national-names";

const Q = `appel=${NATIONAL_SCENARIO.slug}`;

test("the national cell reviews, adjusts a score with its justification, simulates, accepts, finalises and publishes; the applicant sees the decision", async ({ browser }) => {
  test.setTimeout(180_000);
  const cna = await newPage(browser, "cna1@demo-ptce.fr");

  // National view: regions finalised, dossiers with their scores in context.
  await cna.goto(`/cna?${Q}`);
  await expect(cna.getByRole("heading", { name: "Cellule nationale d'animation" })).toBeVisible();
  const table = cna.getByRole("table", { name: /Dossiers transmis par les régions finalisées \(\d+\)/ });
  await expect(table).toBeVisible();
  await expect(cna.getByRole("table", { name: /Avancement de l'instruction/ }).getByText("Finalisée")).toHaveCount(3);
  await expectAccessible(cna);
  // A filter kept in the address.
  await cna.getByLabel("Territoire").selectOption("RURAL");
  await cna.getByRole("button", { name: "Filtrer" }).click();
  await expect(cna).toHaveURL(/territoire=RURAL/);
  await expect(cna.getByRole("table", { name: /Dossiers transmis par les régions finalisées \(2\)/ })).toBeVisible();

  // Second-level analysis of the first dossier: an adjustment needs its justification.
  await cna.getByRole("table", { name: /Dossiers transmis/ }).getByRole("link").first().click();
  await expect(cna.getByRole("heading", { level: 1, name: /^Analyse de second niveau/ })).toBeVisible();
  await expectAccessible(cna);
  const score = cna.getByLabel("Note nationale (sur 100)");
  const regional = Number((await score.inputValue()).replace(",", "."));
  await score.fill(String(Math.min(100, regional + 3)).replace(".", ","));
  await cna.getByRole("button", { name: "Enregistrer l'ajustement" }).click();
  await expect(cna.getByText("Justifiez la modification de la note (10 caractères au moins).")).toBeVisible();
  await cna.getByLabel("Justification de la modification de la note").fill("Panel régional plus sévère que la moyenne nationale.");
  await cna.getByRole("button", { name: "Enregistrer l'ajustement" }).click();
  await expect(cna.getByText("Ajustement enregistré et tracé dans le journal d'audit.")).toBeVisible();
  await expect(cna.getByRole("cell", { name: /\(ajustée\)$/ })).toBeVisible();

  // Selection and a simulation that changes nothing official.
  await cna.goto(`/cna/selection?${Q}`);
  await expect(cna.getByRole("heading", { name: "Liste proposée" })).toBeVisible();
  await expectAccessible(cna);
  const laureates = cna.getByRole("table", { name: /^Liste proposée : lauréats/ });
  const firstLaureate = (await laureates.getByRole("link").first().textContent())!;
  // The DSFR checkbox is drawn by its label, which takes the click.
  await cna.locator("label", { hasText: new RegExp(`^${firstLaureate}`) }).click();
  await expect(cna.getByRole("checkbox", { name: new RegExp(`^${firstLaureate}`) })).toBeChecked();
  await cna.getByRole("button", { name: "Simuler" }).click();
  await expect(cna.getByRole("heading", { name: "Résultat de la simulation (non enregistré)" })).toBeVisible();
  await expect(cna.getByText(new RegExp(`sortent .*${firstLaureate}`))).toBeVisible();
  await expect(cna.getByRole("table", { name: /^Liste proposée : lauréats/ }).getByRole("link", { name: firstLaureate })).toBeVisible();
  await expectAccessible(cna);

  // Accept the proposed list, finalise, publish.
  await cna.getByRole("button", { name: "Accepter la liste proposée" }).click();
  await cna.getByRole("button", { name: "Confirmer : créer le projet de décisions" }).click();
  await expect(cna.getByText("Projet de décisions créé : vous pouvez le modifier dans « Décisions ».")).toBeVisible();
  await cna.getByRole("link", { name: "Décisions" }).click();
  await expect(cna.getByRole("heading", { level: 1, name: "Décisions" })).toBeVisible();
  await expect(cna.getByRole("table", { name: /^Lauréats \(\d+\)/ })).toBeVisible();
  await expectAccessible(cna);
  await cna.getByRole("button", { name: "Finaliser la liste" }).click();
  await cna.getByRole("button", { name: "Confirmer la finalisation" }).click();
  await expect(cna.getByText(/^Liste finalisée le/)).toBeVisible();
  await cna.getByRole("button", { name: "Publier les résultats" }).click();
  await cna.getByRole("button", { name: "Confirmer la publication" }).click();
  await expect(cna.getByText(/^Résultats publiés le/)).toBeVisible();
  await expectAccessible(cna);

  // The applicant sees the decision and the letter, and receives the e-mail.
  const applicant = await newPage(browser, NATIONAL_SCENARIO.applicant);
  await applicant.goto("/mes-dossiers");
  await expect(applicant.getByRole("table", { name: "Vos dossiers de candidature" }).getByText("Lauréat")).toBeVisible();
  await applicant.getByRole("table", { name: "Vos dossiers de candidature" }).getByRole("link").first().click();
  await expect(applicant.getByRole("heading", { name: "Décision de la cellule nationale" })).toBeVisible();
  await expect(applicant.getByRole("link", { name: "Télécharger la lettre de décision (PDF)" })).toBeVisible();
  await expectAccessible(applicant);
  const reference = (await applicant.getByText(/^AMI\d{4}-BRE-\d{3}$/).first().textContent())!.trim();
  const mail = await waitForMail(NATIONAL_SCENARIO.applicant, DECISION_SUBJECT(reference));
  expect(mail.body).toContain(reference);
  const letter = await applicant.request.get(await applicant.getByRole("link", { name: "Télécharger la lettre de décision (PDF)" }).getAttribute("href") ?? "");
  expect(letter.headers()["content-type"]).toBe("application/pdf");
});
