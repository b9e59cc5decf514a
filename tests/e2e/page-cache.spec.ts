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
  await expect(coordinator.getByText("Nom enregistré.")).toBeVisible();
  const after = await coordinator.goto("/cra");
  expect(after?.headers()["x-page-cache"]).toBeUndefined();
  expect(await after!.text()).toContain("Camille Normandie");

  // Signed out, the address asks for a session again.
  await coordinator.context().clearCookies();
  await coordinator.goto("/cra");
  await expect(coordinator).toHaveURL(/\/connexion/);
});

test("a request carrying two people's session cookies is never answered with a page kept for one of them", async ({
  browser,
  request,
}) => {
  const people = [
    await newPage(browser, "evaluation2.normandie@demo-ptce.fr"),
    await newPage(browser, "coordination.normandie@demo-ptce.fr"),
  ];
  const seen: { name: string; cookie: string }[] = [];
  for (const page of people) {
    // Visited twice: a page is kept for each of them.
    await page.goto("/cra");
    const own = await page.goto("/cra");
    const name = readerOf(await own!.text());
    const session = (await page.context().cookies()).find((c) =>
      c.name.endsWith("next-auth.session-token"),
    )!;
    seen.push({ name, cookie: `${session.name}=${session.value}` });
  }
  const [first, second] = seen as [(typeof seen)[number], (typeof seen)[number]];
  expect(first.name).not.toBe("");
  expect(first.name).not.toBe(second.name);
  for (const [a, b] of [
    [first, second],
    [second, first],
  ] as const) {
    const answer = await request.get("/cra", { headers: { cookie: `${a.cookie}; ${b.cookie}` } });
    expect(answer.status()).toBe(200);
    expect(answer.headers()["x-page-cache"]).toBeUndefined();
    // The page of the session the application reads (the first), never the other person's: the header's
    // account link names its reader.
    expect(readerOf(await answer.text())).toBe(a.name);
  }
});

/** The name in the header's link to « Mon compte »: the person a page was rendered for. */
function readerOf(html: string): string {
  const link = html.match(/<a[^>]*href="\/mon-compte"[^>]*>([\s\S]*?)<\/a>/);
  return (link?.[1] ?? "").replace(/<[^>]+>/g, "").trim();
}
