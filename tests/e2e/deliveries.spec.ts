// The delivery log: a decision e-mail of the demo's 2025 call failed (the SMTP server was unreachable for its
// twelve attempts, tests/e2e/scenarios/deliveries.ts); the national cell sees it on the decision page and in
// « Envois », resends it, and the e2e server's worker sends it to the e2e mailbox.
import { expect, test } from "@playwright/test";
import { expectAccessible, newPage } from "./fixtures";
import { waitForMail } from "./mailbox";
import { DELIVERIES_SCENARIO } from "./scenarios/deliveries-data";

const Q = `appel=${DELIVERIES_SCENARIO.callSlug}`;

test("the national cell sees a failed decision e-mail and resends it; it is sent and arrives", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const cna = await newPage(browser, "cna1@demo-ptce.fr");

  // The decision page counts the decisions notified and lists the failure with the server's answer.
  await cna.goto(`/cna/decisions?${Q}`);
  const summary = cna.getByRole("region", { name: "Envoi des décisions", exact: true });
  await expect(summary.getByText(/^Décisions notifiées : \d+ \/ \d+/)).toBeVisible();
  const failures = summary.getByRole("table", {
    name: /^Envois de décisions en échec ou en nouvel essai \(\d+\)/,
  });
  await expect(
    failures.getByRole("row").filter({ hasText: DELIVERIES_SCENARIO.lastError }),
  ).toHaveCount(1);
  await expectAccessible(cna);

  // « Envois », filtered on the failures.
  await cna
    .getByRole("navigation", { name: "Cellule nationale" })
    .getByRole("link", { name: "Envois", exact: true })
    .click();
  await expect(cna.getByRole("heading", { level: 1, name: "Envois" })).toBeVisible();
  await expect(cna).toHaveURL(new RegExp(Q));
  await cna.getByLabel("État").selectOption("FAILED");
  await cna.getByRole("button", { name: "Rechercher" }).click();
  await expect(cna).toHaveURL(/etat=FAILED/);
  const failedRow = cna
    .getByRole("table", { name: /^Envois \(\d+\)/ })
    .getByRole("row")
    .filter({ hasText: DELIVERIES_SCENARIO.lastError });
  await expect(failedRow).toHaveCount(1);
  await expect(failedRow.getByText("En échec")).toBeVisible();
  await expect(
    failedRow.getByText(`${DELIVERIES_SCENARIO.attempts} tentatives`, { exact: false }),
  ).toBeVisible();
  await expect(failedRow.getByText("Décision sur un dossier")).toBeVisible();
  // A refused connection is our side's error, not an answer of the mail server.
  await expect(failedRow.getByText(`Erreur : ${DELIVERIES_SCENARIO.lastError}`)).toBeVisible();
  await expectAccessible(cna);
  const email = (await failedRow.getByRole("rowheader").textContent())!.trim();
  const subject = (await failedRow
    .getByRole("cell", { name: /^Décision sur votre dossier / })
    .textContent())!.trim();
  expect(email).toMatch(/@demo-ptce\.fr$/);

  // « Renvoyer »: announced, then sent by the worker.
  await failedRow.getByRole("button", { name: `Renvoyer le message à ${email}` }).click();
  await expect(
    cna.getByText(`Nouvel envoi demandé : le message part dans quelques instants vers ${email}.`),
  ).toBeVisible();
  await cna.goto(`/cna/envois?${Q}&q=${encodeURIComponent(email)}`);
  const row = cna
    .getByRole("table", { name: /^Envois \(\d+\)/ })
    .getByRole("row")
    .filter({ hasText: subject });
  await expect(async () => {
    await cna.reload();
    await expect(row.getByText(/^Envoyé le /)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row.getByText(`après ${DELIVERIES_SCENARIO.attempts + 1} tentatives`)).toBeVisible();
  // The proof of handing over: the mail server's answer when it took the e-mail (not a proof that it was read).
  await expect(row.getByText(/^Réponse du serveur : 250\b/)).toBeVisible();
  await expect(row.getByRole("button", { name: /^Renvoyer/ })).toHaveCount(0);
  await expectAccessible(cna);
  const mail = await waitForMail(email, subject);
  expect(mail.body).toContain("La lettre de décision");

  // The decision page no longer lists it.
  await cna.goto(`/cna/decisions?${Q}`);
  await expect(
    cna
      .getByRole("region", { name: "Envoi des décisions", exact: true })
      .getByText(DELIVERIES_SCENARIO.lastError),
  ).toHaveCount(0);
});

test("the administrator's log of every message; an applicant reaches neither log", async ({
  browser,
}) => {
  const admin = await newPage(browser, "admin@demo-ptce.fr");
  await admin.goto("/admin");
  await admin
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Envois", exact: true })
    .click();
  await expect(admin.getByRole("heading", { level: 1, name: "Envois" })).toBeVisible();
  await admin.getByLabel("Appel").selectOption(DELIVERIES_SCENARIO.callSlug);
  await admin.getByLabel("Type de message").selectOption("decision");
  await admin.getByRole("button", { name: "Rechercher" }).click();
  await expect(admin).toHaveURL(/type=decision/);
  await expect(admin.getByRole("table", { name: /^Envois \(\d+\)/ })).toBeVisible();
  await expect(
    admin
      .getByRole("table", { name: /^Envois \(\d+\)/ })
      .getByText("Décision sur un dossier")
      .first(),
  ).toBeVisible();
  await expectAccessible(admin);

  const applicant = await newPage(browser, "porteur1@demo-ptce.fr");
  expect((await applicant.goto("/cna/envois"))?.status()).toBe(404);
  expect((await applicant.goto("/admin/envois"))?.status()).toBe(404);
});
