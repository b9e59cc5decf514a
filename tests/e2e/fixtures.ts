import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/demo";

/** A page in a new context (as axe requires), optionally signed in through the sign-in API directly. */
export async function newPage(browser: Browser, email?: string): Promise<Page> {
  const context = await browser.newContext();
  // Every refusal of the Content-Security-Policy is kept, for expectAccessible to find none.
  await context.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  const page = await context.newPage();
  if (email) {
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    const response = await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: DEMO_PASSWORD, json: "true" },
    });
    expect(response.ok()).toBe(true);
  }
  return page;
}

/**
 * No accessibility violation (WCAG 2.1 A and AA rules of axe) on the page as it stands, and nothing the
 * Content-Security-Policy refused (every script and style of the product carries its nonce).
 */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary, `violations d'accessibilité sur ${page.url()}`).toEqual([]);
  const refused = await page.evaluate(
    () => (window as { cspViolations?: string[] }).cspViolations ?? [],
  );
  expect(refused, `refus de la politique de sécurité du contenu sur ${page.url()}`).toEqual([]);
}

/**
 * Visits `url` twice in a row until the second answer comes from the production server's page cache, and
 * returns it. Other journeys write meanwhile, which rightly renders the page anew: the pair is tried a few times.
 */
export async function keptPage(page: Page, url: string) {
  let again: Awaited<ReturnType<Page["goto"]>> = null;
  for (let attempt = 0; attempt < 5 && again?.headers()["x-page-cache"] !== "hit"; attempt++) {
    await page.goto(url);
    again = await page.goto(url);
  }
  expect(again?.headers()["x-page-cache"]).toBe("hit");
  return again!;
}
