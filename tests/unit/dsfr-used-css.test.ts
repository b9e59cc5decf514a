// The DSFR's stylesheet reduced to the classes the product uses (scripts/lib/dsfr-used-css.cjs): what it
// drops and keeps on small sheets, and on the real one, what the product writes survives within the budget.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import postcss from "postcss";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");
const plugin = require(
  path.join(root, "scripts/lib/dsfr-used-css.cjs"),
) as (() => postcss.Plugin) & {
  usedTokens(): Set<string>;
};
const DSFR = path.join(root, "node_modules/@codegouvfr/react-dsfr");

const reduce = async (css: string, from = path.join(DSFR, "dsfr/dsfr.min.css")) =>
  (await postcss([plugin()]).process(css, { from })).css;

describe("the DSFR's stylesheet reduced to what the product uses", () => {
  beforeEach(() => {
    vi.stubEnv("NODE_ENV", "production");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("drops the rules of classes the product never writes and keeps the others", async () => {
    const css = await reduce(
      [
        ".fr-btn{color:red}",
        ".fr-accordion__btn{color:blue}",
        ".fr-btn,.fr-accordion{margin:0}",
        ".fr-btns-group:not(.fr-btns-group--never-written) .fr-btn{padding:0}",
        "a[href]:not([class^=fr-icon-]){text-decoration:underline}",
        "@media (min-width:62em){.fr-accordion{display:none}}",
        ":root[data-fr-theme=dark]{--text-default-grey:#fff}",
        "@font-face{font-family:Marianne;src:url(x.woff2)}",
      ].join(""),
    );
    expect(css).toContain(".fr-btn{color:red}");
    expect(css).not.toContain("fr-accordion");
    expect(css).toContain(".fr-btn{margin:0}");
    expect(css).toContain(":not(.fr-btns-group--never-written) .fr-btn");
    expect(css).toContain("a[href]:not([class^=fr-icon-])");
    expect(css).not.toContain("@media");
    expect(css).not.toContain("dark");
    expect(css).toContain("@font-face");
  });

  it("keeps a class whose end the product writes with a variable (fr-alert--{severity})", async () => {
    const css = await reduce(".fr-alert--warning{color:orange}.fr-alert--nowhere-else{color:red}");
    expect(css).toContain(".fr-alert--warning");
    expect(css).toContain(".fr-alert--nowhere-else"); // its beginning, fr-alert--, is written in react-dsfr
  });

  it("drops the custom properties nothing reads, through chains of properties", async () => {
    const css = await reduce(
      ":root{--read:1px;--feeds-read:2px;--chain:var(--feeds-read);--unread:3px;--unread-chain:var(--unread)}.fr-btn{width:var(--read);height:var(--chain)}",
    );
    expect(css).toContain("--read:1px");
    expect(css).toContain("--feeds-read:2px");
    expect(css).not.toContain("--unread");
  });

  it("leaves other stylesheets and development builds as they are", async () => {
    const sheet = ".fr-accordion{color:blue}";
    expect(await reduce(sheet, path.join(root, "app/globals.css"))).toBe(sheet);
    vi.stubEnv("NODE_ENV", "development");
    expect(await reduce(sheet)).toBe(sheet);
  });

  it("on the real stylesheet, keeps every class the product writes, within 40 kB gzipped with the icons", async () => {
    const full = ["dsfr/utility/icons/icons.min.css", "dsfr/dsfr.min.css"]
      .map((f) => readFileSync(path.join(DSFR, f), "utf8"))
      .join("\n");
    const reduced = await reduce(full);
    const defined = (css: string) => new Set(css.match(/\.fr-[a-zA-Z0-9_-]+/g) ?? []);
    const before = defined(full);
    const after = defined(reduced);
    const written = [...plugin.usedTokens()].map((t) => `.${t}`).filter((c) => before.has(c));
    expect(written.length).toBeGreaterThan(150);
    expect(written.filter((c) => !after.has(c))).toEqual([]);
    expect(after.size).toBeLessThan(before.size / 2);
    expect(gzipSync(reduced).length).toBeLessThan(40 * 1024);
  });
});
