import { expect, test } from "@playwright/test";
import { expectAccessible, newPage } from "./fixtures";

test("the same dossier open in two tabs never silently overwrites: the second writer is told and keeps their text", async ({
  browser,
}) => {
  const first = await newPage(browser, "porteur1@demo-ptce.fr");
  await first.goto("/mes-dossiers");
  await first.getByRole("link", { name: "Atelier coopératif de réemploi" }).click();
  await first.waitForURL(/\/mes-dossiers\/[\w-]+$/);
  const url = first.url();
  // A second tab (a page of its own, as headless tabs in the background are not rendered).
  const second = await newPage(browser, "porteur1@demo-ptce.fr");
  await second.goto(url);

  await first.getByLabel("Intitulé du projet").fill("Atelier coopératif de réemploi — onglet 1");
  await expect(first.getByText(/Enregistré à \d\d h \d\d/)).toBeVisible({ timeout: 15_000 });

  await second.getByLabel("Intitulé du projet").fill("Atelier coopératif de réemploi — onglet 2");
  await expect(second.getByRole("heading", { name: "Modifications non enregistrées" })).toBeVisible(
    { timeout: 15_000 },
  );
  await expect(second.getByLabel("Intitulé du projet")).toHaveValue(
    "Atelier coopératif de réemploi — onglet 2",
  );
  await expectAccessible(second);

  await second.getByRole("button", { name: "Enregistrer mes saisies à la place" }).click();
  await expect(second.getByText(/Enregistré à \d\d h \d\d/)).toBeVisible({ timeout: 15_000 });
  await first.reload();
  await expect(first.getByLabel("Intitulé du projet")).toHaveValue(
    "Atelier coopératif de réemploi — onglet 2",
  );
});
