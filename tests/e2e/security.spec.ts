import { expect, test } from "@playwright/test";
import { newPage } from "./fixtures";

test("a forged X-Forwarded-For does not lift the per-address limit of reset requests", async ({
  browser,
}) => {
  const page = await newPage(browser);
  // Three requests an hour for one e-mail from one address; each try claims to come from elsewhere.
  for (const attempt of [1, 2, 3, 4]) {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${attempt}` });
    await page.goto("/mot-de-passe-oublie");
    await page.getByLabel("Adresse e-mail").fill("adresse.forgee@demo-ptce.fr");
    await page.getByRole("button", { name: "Recevoir un lien" }).click();
    await expect(
      page.getByText(
        attempt <= 3
          ? "Si un compte existe avec cette adresse, un e-mail vient de lui être envoyé."
          : /Trop de demandes\. Réessayez dans \d+ minutes?\./,
      ),
    ).toBeVisible();
  }
});

test("every answer carries its own Content-Security-Policy nonce, which Next.js puts on its scripts", async ({
  request,
}) => {
  const [first, second] = [await request.get("/connexion"), await request.get("/connexion")];
  const nonces = [first, second].map(
    (answer) => /'nonce-([^']+)'/.exec(answer.headers()["content-security-policy"] ?? "")?.[1],
  );
  expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(nonces[1]).not.toBe(nonces[0]);
  const policy = first.headers()["content-security-policy"];
  for (const directive of [
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ])
    expect(policy).toContain(directive);
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(3);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonces[0]}"`);
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  // Each answer names its request, as every log line written while serving it does.
  expect(first.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(second.headers()["x-request-id"]).not.toBe(first.headers()["x-request-id"]);
});

test("Chromium runs the page's own scripts but not an inline script slipped into it without the nonce", async ({
  browser,
}) => {
  const page = await newPage(browser);
  // An injection that got past the templates, simulated by rewriting the answer on its way to the browser.
  await page.route("**/connexion", async (route) => {
    const answer = await route.fetch();
    const html = (await answer.text()).replace(
      "</body>",
      "<script>window.injected = true</script></body>",
    );
    await route.fulfill({ response: answer, body: html });
  });
  const refused = page.waitForEvent("console", (m) => /Content Security Policy/.test(m.text()));
  await page.goto("/connexion");
  await refused;
  expect(await page.evaluate(() => "injected" in window)).toBe(false);
  // The page's own scripts ran: the form checks its fields in the browser.
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText("Saisissez votre adresse e-mail.")).toBeVisible();
});

test("no other site can show the product in a frame", async ({ browser, baseURL }) => {
  const page = await newPage(browser);
  const refused = page.waitForEvent("console", (m) =>
    /frame-ancestors|X-Frame-Options/.test(m.text()),
  );
  await page.setContent(`<iframe src="${baseURL}/connexion" title="cadre"></iframe>`);
  await refused;
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(await frame?.locator("input").count()).toBe(0);
});

test("signing in through the form leaves this browser's proof of the account (failures elsewhere will not lock it out)", async ({
  browser,
}) => {
  const page = await newPage(browser);
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill("evaluation2.normandie@demo-ptce.fr");
  await page.getByLabel("Mot de passe", { exact: true }).fill("Demo-PTCE-2025!");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/cra$/);
  const proof = (await page.context().cookies()).find((c) => c.name.startsWith("ptce-appareil-"));
  expect(proof).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(proof?.value).toMatch(/^\d+\.[\w-]{43}$/);
});
