import { expect, test } from "@playwright/test";
import { newPage } from "./fixtures";

// The production server's page cache (lib/page-cache.ts) on the real pages of a regional cell.
test("a cell's page is served again to its reader until something is written, and never to another person", async ({
  browser,
}) => {
  const coordinator = await newPage(browser, "coordination.normandie@demo-ptce.fr");
  // Other journeys run at the same time and write (a call finalised, an account renamed): a write between the two
  // visits is a change, after which the page is rendered anew, so the pair of visits is tried a few times.
  let html = "";
  let again: Awaited<ReturnType<typeof coordinator.goto>> = null;
  for (let attempt = 0; attempt < 5 && again?.headers()["x-page-cache"] !== "hit"; attempt++) {
    const first = await coordinator.goto("/cra");
    expect(first?.status()).toBe(200);
    await expect(
      coordinator.getByRole("heading", { level: 1, name: "Cellule régionale d'animation" }),
    ).toBeVisible();
    html = await first!.text();
    again = await coordinator.goto("/cra");
  }
  expect(again?.headers()["x-page-cache"]).toBe("hit");
  expect(await again!.text()).toBe(html);
  await expect(coordinator.getByText("Normandie").first()).toBeVisible();

  // Another member of the same cell gets a page of their own.
  const evaluator = await newPage(browser, "evaluation1.normandie@demo-ptce.fr");
  const theirs = await evaluator.goto("/cra");
  expect(theirs?.headers()["x-page-cache"]).toBeUndefined();
  expect(await theirs!.text()).not.toBe(html);

  // A write (here the coordinator's new name) is shown on the next visit.
  await coordinator.goto("/mon-compte");
  await coordinator.getByLabel("Prénom et nom").fill("Camille Normandie");
  await coordinator.getByRole("button", { name: "Enregistrer mon nom" }).click();
  await expect(coordinator.getByText(/enregistré/i).first()).toBeVisible();
  const after = await coordinator.goto("/cra");
  expect(after?.headers()["x-page-cache"]).toBeUndefined();
  expect(await after!.text()).toContain("Camille Normandie");

  // Signed out, the address asks for a session again.
  await coordinator.context().clearCookies();
  await coordinator.goto("/cra");
  await expect(coordinator).toHaveURL(/\/connexion/);
});
