// The notification list (issue « Nothing promised to a person is lost »): an applicant whose dossier of the
// demo's 2025 call has a published decision sees its notification in the product, not only by e-mail.
// Data: the demo seed and tests/e2e/scenarios/notifications.ts (porteur3's decision notification).
import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, newPage } from "./fixtures";

const APPLICANT = "porteur3@demo-ptce.fr"; // NOTIFICATIONS_APPLICANT of the scenario (no server import here)

/** The header's link (the desktop one: the DSFR repeats the quick links in the mobile menu). */
const headerLink = (page: Page) =>
  page
    .getByRole("banner")
    .getByRole("link", { name: /^Notifications/ })
    .first();
/** The unread count the header shows: « Notifications (3) », or « Notifications » alone. */
async function unreadInHeader(page: Page): Promise<number> {
  const text = (await headerLink(page).textContent()) ?? "";
  return Number(/\((\d+)\)/.exec(text)?.[1] ?? 0);
}

test("an applicant sees the notification of their decision, opens it on the dossier, and it is marked read", async ({
  browser,
}) => {
  const page = await newPage(browser, APPLICANT);
  await page.goto("/mes-dossiers");
  // The count is in the page as the server wrote it, with its meaning spelled out for screen readers.
  await expect(headerLink(page)).toHaveAccessibleName(/^Notifications \(\d+\) non lues?$/);
  const before = await unreadInHeader(page);
  expect(before).toBeGreaterThan(0);

  await headerLink(page).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(
    page.getByText(
      before > 1
        ? `Vous avez ${before} notifications non lues.`
        : "Vous avez 1 notification non lue.",
    ),
  ).toBeVisible();
  const decision = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: /^Décision sur votre dossier AMI2025-/ }) });
  await expect(decision).toHaveCount(1);
  await expect(decision.getByText("Non lue", { exact: true })).toBeVisible();
  await expect(decision).toContainText(/Décision pour votre dossier AMI2025-\S+ : /);
  await expectAccessible(page);

  // « Ouvrir » leads to the dossier and marks the notification read: the header counts one less.
  await decision
    .getByRole("link", { name: /^Ouvrir : Décision sur votre dossier AMI2025-/ })
    .click();
  await expect(page).toHaveURL(/\/mes-dossiers\/[^/?#]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await unreadInHeader(page)).toBe(before - 1);

  await page.goto("/notifications");
  await expect(decision.getByText("Non lue", { exact: true })).toHaveCount(0);
  await page
    .getByRole("navigation", { name: "Afficher les notifications" })
    .getByRole("link", { name: /^Non lues/ })
    .click();
  await expect(page).toHaveURL(/filtre=non-lues/);
  await expect(
    page.getByRole("heading", { name: /^Décision sur votre dossier AMI2025-/ }),
  ).toHaveCount(0);
  await expectAccessible(page);
});

test("an applicant chooses which optional notifications also come by e-mail; the mandatory ones are explained", async ({
  browser,
}) => {
  const page = await newPage(browser, APPLICANT);
  await page.goto("/mon-compte");
  const preferences = page.locator("form", {
    has: page.getByRole("button", { name: "Enregistrer mes préférences" }),
  });
  const reminder = preferences.getByRole("checkbox", {
    name: "Rappel avant la date limite de dépôt",
  });
  await expect(reminder).toBeChecked();
  await expect(
    preferences.getByText(
      /toujours envoyés par e-mail : ils font foi et ne peuvent pas être désactivés/,
    ),
  ).toBeVisible();
  await preferences.getByText("Messages toujours envoyés par e-mail").click();
  await expect(
    preferences.getByRole("listitem").filter({ hasText: "Décision sur un dossier" }),
  ).toBeVisible();

  await preferences.getByText("Rappel avant la date limite de dépôt", { exact: true }).click();
  await preferences.getByRole("button", { name: "Enregistrer mes préférences" }).click();
  await expect(preferences.getByText("Préférences enregistrées.")).toBeVisible();
  await expectAccessible(page);
  await page.reload();
  await expect(reminder).not.toBeChecked();

  // Put back as the demo had it.
  await preferences.getByText("Rappel avant la date limite de dépôt", { exact: true }).click();
  await preferences.getByRole("button", { name: "Enregistrer mes préférences" }).click();
  await expect(preferences.getByText("Préférences enregistrées.")).toBeVisible();
});

test("a signed-out visitor is asked to sign in before the notification list", async ({
  browser,
}) => {
  const page = await newPage(browser);
  await page.goto("/notifications");
  await expect(page).toHaveURL(/\/connexion\?callbackUrl=%2Fnotifications$/);
});
