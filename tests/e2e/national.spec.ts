import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { unzipSync } from "fflate";
import { DECISION_SUBJECT } from "../../lib/mail/national-templates";
import { pdfText } from "../fixtures/pdf-text";
import { expectAccessible, newPage } from "./fixtures";
import { waitForMail } from "./mailbox";
import { NATIONAL_SCENARIO } from "./scenarios/national-names";

const Q = `appel=${NATIONAL_SCENARIO.slug}`;

test("the national cell reviews, adjusts a score with its justification, simulates, accepts, finalises and publishes; the applicant sees the decision", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const cna = await newPage(browser, "cna1@demo-ptce.fr");

  // National view: regions finalised, dossiers with their scores in context.
  await cna.goto(`/cna?${Q}`);
  await expect(cna.getByRole("heading", { name: "Cellule nationale d'animation" })).toBeVisible();
  const table = cna.getByRole("table", {
    name: /Dossiers transmis par les régions finalisées \(\d+\)/,
  });
  await expect(table).toBeVisible();
  await expect(
    cna.getByRole("table", { name: /Avancement de l'instruction/ }).getByText("Finalisée"),
  ).toHaveCount(3);
  await expectAccessible(cna);
  // A filter kept in the address.
  await cna.getByLabel("Territoire").selectOption("RURAL");
  await cna.getByRole("button", { name: "Filtrer" }).click();
  await expect(cna).toHaveURL(/territoire=RURAL/);
  await expect(
    cna.getByRole("table", { name: /Dossiers transmis par les régions finalisées \(2\)/ }),
  ).toBeVisible();

  // Second-level analysis of the first dossier: the member declares their interests before reading it.
  const analysed = cna
    .getByRole("table", { name: /Dossiers transmis/ })
    .getByRole("link")
    .first();
  const analysedReference = (await analysed.textContent())!.trim();
  await analysed.click();
  await expect(
    cna.getByRole("heading", { level: 1, name: /^Analyse de second niveau/ }),
  ).toBeVisible();
  await expect(cna.getByRole("heading", { name: "Déclaration d'intérêts" })).toBeVisible();
  await expect(cna.getByRole("heading", { name: "Contenu du dossier" })).toHaveCount(0);
  await expectAccessible(cna);
  await cna.getByLabel("Je n'ai aucun conflit d'intérêts avec ce dossier").check({ force: true });
  await cna.getByRole("button", { name: "Enregistrer ma déclaration" }).click();
  await cna
    .getByRole("group", { name: "Confirmation de la déclaration" })
    .getByRole("button", { name: "Confirmer ma déclaration" })
    .click();
  // Then the whole dossier: content, budget, members, the evaluators' scores and comments, the regional opinion.
  await expect(cna.getByRole("heading", { name: "Contenu du dossier" })).toBeVisible();
  await expect(
    cna.getByRole("heading", { name: "Évaluations de la cellule régionale" }),
  ).toBeVisible();
  await expect(cna.getByRole("heading", { name: "Avis régional" })).toBeVisible();
  for (const name of [
    "Budget par catégorie et par année",
    "Financements par origine, acquis et sollicités",
    "Membres du pôle par catégorie",
  ]) {
    await expect(cna.getByRole("table", { name })).toBeVisible();
  }
  await expect(
    cna.getByRole("table", { name: /Notes et commentaires par critère/ }).first(),
  ).toBeVisible();
  await expectAccessible(cna);
  // An attachment downloads from the analysis page.
  const download = cna.waitForEvent("download");
  await cna
    .getByRole("link", { name: /\.pdf$/ })
    .first()
    .click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  const score = cna.getByLabel("Note nationale (sur 100)");
  const regional = Number((await score.inputValue()).replace(",", "."));
  await score.fill(String(Math.min(100, regional + 3)).replace(".", ","));
  await cna.getByRole("button", { name: "Enregistrer l'ajustement" }).click();
  await expect(
    cna.getByText("Justifiez la modification de la note (10 caractères au moins)."),
  ).toBeVisible();
  await cna
    .getByLabel("Justification de la modification de la note")
    .fill("Panel régional plus sévère que la moyenne nationale.");
  await cna.getByRole("button", { name: "Enregistrer l'ajustement" }).click();
  await expect(
    cna.getByText("Ajustement enregistré et tracé dans le journal d'audit."),
  ).toBeVisible();
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
  await expect(
    cna.getByRole("heading", { name: "Résultat de la simulation (non enregistré)" }),
  ).toBeVisible();
  await expect(cna.getByText(new RegExp(`sortent .*${firstLaureate}`))).toBeVisible();
  await expect(
    cna
      .getByRole("table", { name: /^Liste proposée : lauréats/ })
      .getByRole("link", { name: firstLaureate }),
  ).toBeVisible();
  await expectAccessible(cna);

  // The two methods side by side on the same dossiers: the call's rule, merit order, is the one proposed.
  await expect(cna.getByRole("heading", { name: "Comparaison des deux méthodes" })).toBeVisible();
  const methods = cna.getByRole("table", { name: "Les deux méthodes côte à côte" });
  await expect(
    methods.getByRole("rowheader", { name: "Ordre de mérite (règle de l'appel)" }),
  ).toBeVisible();
  await expect(
    methods.getByRole("rowheader", { name: "Total des notes maximal (indicatif)" }),
  ).toBeVisible();

  // Accept the proposed list, finalise (in merit order: no justification asked), publish.
  await cna.getByRole("button", { name: "Accepter la liste proposée" }).click();
  await cna.getByRole("button", { name: "Confirmer : créer le projet de décisions" }).click();
  await expect(
    cna.getByText("Projet de décisions créé : vous pouvez le modifier dans « Décisions »."),
  ).toBeVisible();
  await cna.getByRole("link", { name: "Décisions" }).click();
  await expect(cna.getByRole("heading", { level: 1, name: "Décisions" })).toBeVisible();
  await expect(cna.getByRole("table", { name: /^Lauréats \(\d+\)/ })).toBeVisible();
  await expectAccessible(cna);
  await expect(
    cna.getByRole("heading", { name: "La liste s'écarte de la règle de sélection de l'appel" }),
  ).toHaveCount(0);
  // The cell lowers the grant of the dossier it analysed: the list departs from the rule, and is finalised only
  // with a written justification.
  await cna.getByTitle(`Modifier la décision ${analysedReference}`).click();
  const line = cna.getByRole("group", { name: `Décision ${analysedReference}` });
  const amount = line.getByLabel("Montant (€)");
  const granted = Number(
    (await amount.inputValue()).replace(/[\s\u202f\u00a0]/g, "").replace(",", "."),
  );
  await amount.fill(String(granted - 1000));
  await line.getByRole("button", { name: "Enregistrer" }).click();
  await expect(
    cna.getByRole("heading", { name: "La liste s'écarte de la règle de sélection de l'appel" }),
  ).toBeVisible();
  await expectAccessible(cna);
  await cna.getByRole("button", { name: "Finaliser la liste" }).click();
  await cna.getByRole("button", { name: "Confirmer la finalisation" }).click();
  await expect(
    cna.getByRole("alert").getByText(/Justifiez cet écart par écrit \(20 caractères au moins\)/),
  ).toBeVisible();
  await cna.getByRole("button", { name: "Finaliser la liste" }).click();
  await cna
    .getByLabel("Justification de l'écart à la règle de sélection")
    .fill("Le plan de financement révisé du porteur réduit son besoin de 1 000 €.");
  await cna.getByRole("button", { name: "Confirmer la finalisation" }).click();
  await expect(cna.getByText(/^Liste finalisée le/)).toBeVisible();
  await expect(
    cna.getByText("Le plan de financement révisé du porteur réduit son besoin de 1 000 €."),
  ).toBeVisible();
  const laureatePoles = await cna
    .getByRole("table", { name: /^Lauréats \(\d+\)/ })
    .locator("tbody tr td:nth-child(2)")
    .allTextContents();
  expect(laureatePoles.length).toBeGreaterThan(0);
  await cna.getByRole("button", { name: "Publier les résultats" }).click();
  await cna.getByRole("button", { name: "Confirmer la publication" }).click();
  await expect(cna.getByText(/^Résultats publiés le/)).toBeVisible();
  await expectAccessible(cna);

  // The jury's evidence pack: the minutes and the selection's inputs and outputs, each file's SHA-256 in empreintes.txt.
  const pack = await cna.request.get(
    (await cna
      .getByRole("link", { name: "Télécharger les pièces du jury (ZIP)" })
      .getAttribute("href"))!,
  );
  expect(pack.status()).toBe(200);
  expect(pack.headers()["content-type"]).toBe("application/zip");
  const files = unzipSync(new Uint8Array(await pack.body()));
  expect(Object.keys(files)).toEqual(
    expect.arrayContaining([
      "proces-verbal.pdf",
      "candidats.csv",
      "candidats.json",
      "regles.json",
      "resultat.json",
      "resultat.csv",
      "decisions.csv",
      "LISEZMOI.txt",
      "empreintes.txt",
    ]),
  );
  const sums = new TextDecoder().decode(files["empreintes.txt"]).trim().split("\n");
  expect(sums.length).toBe(Object.keys(files).length - 1);
  for (const line of sums) {
    const [hash, name] = line.split(/\s+\*?/);
    expect(createHash("sha256").update(files[name!]!).digest("hex"), name).toBe(hash);
  }
  // The minutes carry the hashes of the data files (the re-run's inputs and outputs).
  const minutes = await pdfText(files["proces-verbal.pdf"]!);
  for (const line of sums.filter((l) => /\.(csv|json)$/.test(l)))
    expect(minutes).toContain(line.split(/\s+/)[0]!);
  expect(minutes).toContain(
    "Le plan de financement révisé du porteur réduit son besoin de 1 000 €.",
  );
  const pv = await cna.request.get(
    (await cna
      .getByRole("link", { name: "Télécharger le procès-verbal (PDF)" })
      .getAttribute("href"))!,
  );
  expect(pv.headers()["content-type"]).toBe("application/pdf");
  expect(await pdfText(new Uint8Array(await pv.body()))).toContain("Ordre de mérite");

  // The public page of the results lists the laureates, without signing in.
  const visitor = await newPage(browser);
  await visitor.goto(`/resultats/${NATIONAL_SCENARIO.slug}`);
  await expect(visitor.getByRole("heading", { level: 1, name: /^Résultats/ })).toBeVisible();
  const published = visitor.getByRole("table", { name: /^Lauréats de l'appel/ });
  await expect(published).toBeVisible();
  for (const pole of laureatePoles)
    await expect(published.getByText(pole, { exact: false }).first()).toBeVisible();
  await expectAccessible(visitor);

  // The applicant sees the decision and the letter, and receives the e-mail.
  const applicant = await newPage(browser, NATIONAL_SCENARIO.applicant);
  await applicant.goto("/mes-dossiers");
  await expect(
    applicant.getByRole("table", { name: "Vos dossiers de candidature" }).getByText("Lauréat"),
  ).toBeVisible();
  await applicant
    .getByRole("table", { name: "Vos dossiers de candidature" })
    .getByRole("link")
    .first()
    .click();
  await expect(
    applicant.getByRole("heading", { name: "Décision de la cellule nationale" }),
  ).toBeVisible();
  // The letters are written by the job queue just after the publication: there within seconds.
  await expect(async () => {
    await applicant.reload();
    await expect(
      applicant.getByRole("link", { name: "Télécharger la lettre de décision (PDF)" }),
    ).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  // A complete administrative decision: score, rank, funding line, per-criterion appreciations, routes of appeal.
  const decision = applicant.getByRole("region", { name: "Décision de la cellule nationale" });
  await expect(
    decision.getByText(/^Note nationale de votre dossier : \d+,\d\d \/ 100$/),
  ).toBeVisible();
  await expect(
    decision.getByText(/^Classement national : classé 1er sur 7 dossiers/),
  ).toBeVisible();
  await expect(
    decision.getByText(
      /^Ligne de financement : \d+,\d\d \/ 100 \(note du dernier dossier financé\)$/,
    ),
  ).toBeVisible();
  await expect(decision.getByRole("heading", { name: "Appréciations par critère" })).toBeVisible();
  await expect(decision.getByRole("heading", { name: "Voies et délais de recours" })).toBeVisible();
  await expect(
    decision.getByText(/recours contentieux devant le tribunal administratif/),
  ).toBeVisible();
  await expectAccessible(applicant);
  const reference = (await applicant
    .getByText(/^AMI\d{4}-BRE-\d{3}$/)
    .first()
    .textContent())!.trim();
  const mail = await waitForMail(NATIONAL_SCENARIO.applicant, DECISION_SUBJECT(reference));
  expect(mail.body).toContain(reference);
  const letter = await applicant.request.get(
    (await applicant
      .getByRole("link", { name: "Télécharger la lettre de décision (PDF)" })
      .getAttribute("href")) ?? "",
  );
  expect(letter.headers()["content-type"]).toBe("application/pdf");
  const letterText = await pdfText(new Uint8Array(await letter.body()));
  for (const expected of [
    "Classement national : classé 1er sur 7",
    "Voies et délais de recours",
    "recours gracieux",
    "Télérecours citoyens",
  ])
    expect(letterText).toContain(expected);
});
