import { expect, test } from "@playwright/test";

// What browsers, crawlers and security researchers ask for: the icons, robots.txt, security.txt and the
// web app manifest, each with its content type and cache lifetime; and the pages' head linking them.

const ICONS = [
  { path: "/favicon.ico", type: "image/x-icon" },
  { path: "/favicon.svg", type: "image/svg+xml" },
  { path: "/apple-touch-icon.png", type: "image/png" },
  { path: "/android-chrome-192x192.png", type: "image/png" },
  { path: "/android-chrome-512x512.png", type: "image/png" },
];

for (const icon of ICONS) {
  test(`${icon.path} is served, ${icon.type}, cached a week`, async ({ request }) => {
    const response = await request.get(icon.path);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain(icon.type);
    expect(response.headers()["cache-control"]).toBe("public, max-age=604800");
    expect((await response.body()).length).toBeGreaterThan(100);
  });
}

test("robots.txt lets the call and its results be indexed, not the spaces, the personal links or the API", async ({
  request,
}) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  const lines = (await response.text()).split("\n").map((l) => l.trim());
  expect(lines).toContain("User-Agent: *");
  expect(lines).toContain("Allow: /");
  expect(lines).toContain("Allow: /resultats/");
  for (const path of [
    "/cra",
    "/cna",
    "/admin",
    "/mes-dossiers",
    "/mon-compte",
    "/api",
    "/activation/",
    "/inscription/confirmer/",
    "/mot-de-passe/",
  ]) {
    expect(lines, path).toContain(`Disallow: ${path}`);
  }
  expect(lines.some((l) => /^Disallow:\s*\/?$/.test(l) || l === "Disallow: /resultats/")).toBe(
    false,
  );
});

test("security.txt gives a contact and an expiry in the future, less than a year ahead (RFC 9116)", async ({
  request,
  baseURL,
}) => {
  const response = await request.get("/.well-known/security.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(response.headers()["cache-control"]).toBe("public, max-age=3600");
  const text = await response.text();
  expect(text).toMatch(/^Contact: (mailto:\S+@\S+|https:\/\/\S+)$/m);
  const expires = /^Expires: (\S+)$/m.exec(text)?.[1];
  expect(expires).toBeDefined();
  const expiry = new Date(expires!).getTime();
  expect(expiry).toBeGreaterThan(Date.now());
  expect(expiry - Date.now()).toBeLessThan(366 * 86_400_000);
  expect(text).toMatch(/^Preferred-Languages: fr, en$/m);
  expect(text).toContain(`Canonical: ${baseURL}/.well-known/security.txt`);
});

test("the manifest gives the product's French name, its colours and icons that answer", async ({
  request,
}) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = await response.json();
  expect(manifest).toMatchObject({
    name: "AMI PTCE – Pôles territoriaux de coopération économique",
    short_name: "AMI PTCE",
    lang: "fr",
    start_url: "/",
    display: "standalone",
    theme_color: "#000091",
    background_color: "#ffffff",
  });
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
    expect.arrayContaining(["192x192", "512x512"]),
  );
  for (const icon of manifest.icons as { src: string }[])
    expect((await request.get(icon.src)).status(), icon.src).toBe(200);
});

test("the home page links the icons and the manifest once, at addresses that answer", async ({
  page,
  request,
}) => {
  await page.goto("/");
  const hrefs = async (selector: string) =>
    page.locator(selector).evaluateAll((links) => links.map((l) => l.getAttribute("href") ?? ""));
  const icons = await hrefs('head link[rel="icon"], head link[rel="shortcut icon"]');
  expect(icons.sort()).toEqual(["/favicon.ico", "/favicon.svg"]);
  expect(await hrefs('head link[rel="apple-touch-icon"]')).toEqual(["/apple-touch-icon.png"]);
  expect(await hrefs('head link[rel="manifest"]')).toEqual(["/manifest.webmanifest"]);
  for (const href of [...icons, "/apple-touch-icon.png", "/manifest.webmanifest"])
    expect((await request.get(href)).status(), href).toBe(200);
});

test("a space's page links the same icons", async ({ page }) => {
  await page.goto("/connexion");
  await expect(page.locator('head link[rel="icon"][href="/favicon.svg"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="manifest"]')).toHaveCount(1);
});
