// PostCSS plugin (named in postcss.config.mjs): the DSFR's stylesheet reduced to the classes the product uses.
// The DSFR ships every component's rules (105 kB gzipped with its icons); a page needs a fraction. A rule is
// kept when every `fr-` class of its selector is written somewhere in app/, components/, lib/ or in the
// react-dsfr components they import (recursively); selectors without a `fr-` class (html, a, [href]...)
// and @font-face are kept. A class written with a variable part (`fr-alert--${severity}`) keeps every
// class it begins. The classes the DSFR's script sets itself are listed below. Then the custom properties
// (3 000 colour and spacing decisions) that no kept rule, no other kept property and no source reads are
// dropped, and so is the dark theme: the product fixes the light one (components/dsfr/color-scheme.ts)
// and offers no switch. Production builds only: in development the whole stylesheet is served, so that a
// class just written shows before a rebuild.
// CommonJS: PostCSS plugins are loaded by name with require.
const { readdirSync, readFileSync, statSync } = require("node:fs");
const path = require("node:path");

// The project's folder: Next.js builds from it (this file is bundled into its build, so no __dirname).
const ROOT = process.cwd();
const DSFR = path.join(ROOT, "node_modules", "@codegouvfr", "react-dsfr");
const SOURCES = ["app", "components", "lib"];
/** Set by the DSFR's script on the components the product uses (the header's menu and its dialogs). */
const SET_BY_DSFR_SCRIPT = ["fr-collapse--expanded", "fr-collapsing", "fr-modal--opened"];

const CLASS_IN_SOURCE = /fr-[a-zA-Z0-9_-]*/g;
const PROPERTY_IN_SOURCE = /--[a-zA-Z0-9_-]+/g;
const PROPERTY_READ = /var\(\s*(--[a-zA-Z0-9_-]+)/g;
const NEGATION = /:not\([^()]*\)/g;
const DARK_THEME = /\[data-fr-theme=["']?dark/;
const CLASS_IN_SELECTOR = /\.(fr-[a-zA-Z0-9_-]+)/g;
const REACT_DSFR_IMPORT = /["']@codegouvfr\/react-dsfr\/([^"']+)["']/g;
const RELATIVE_IMPORT = /from\s*["'](\.\.?\/[^"']+)["']/g;

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : filesUnder(full);
    return /\.(tsx?|css)$/.test(entry.name) ? [full] : [];
  });
}

/** A react-dsfr module's file, from an import's specifier. */
function moduleFile(specifier) {
  for (const candidate of [specifier, `${specifier}.js`, path.join(specifier, "index.js")]) {
    try {
      if (statSync(candidate).isFile() && candidate.endsWith(".js")) return candidate;
    } catch {}
  }
  return null;
}

/**
 * Every `fr-` token of the product's sources and of the react-dsfr modules they reach, and the `--` tokens
 * of the product's own sources (react-dsfr's `fr.colors` names every colour property; the product reads none).
 */
function usedTokens() {
  const tokens = new Set(SET_BY_DSFR_SCRIPT);
  const pending = [];
  const collect = (text) => {
    for (const [token] of text.matchAll(CLASS_IN_SOURCE)) tokens.add(token);
  };
  for (const file of SOURCES.flatMap((dir) => filesUnder(path.join(ROOT, dir)))) {
    const text = readFileSync(file, "utf8");
    collect(text);
    for (const [token] of text.matchAll(PROPERTY_IN_SOURCE)) tokens.add(token);
    for (const [, specifier] of text.matchAll(REACT_DSFR_IMPORT))
      pending.push(path.join(DSFR, specifier));
  }
  const seen = new Set();
  while (pending.length) {
    const file = moduleFile(pending.pop());
    if (!file || seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    collect(text);
    for (const [, relative] of text.matchAll(RELATIVE_IMPORT))
      pending.push(path.join(path.dirname(file), relative));
  }
  return tokens;
}

/** Whether a class is used: written whole, or begun by a token written with a variable end (`fr-alert--`). */
function usedClassTest(tokens) {
  const prefixes = [...tokens].filter((t) => t.endsWith("-") && t.length > 4);
  return (name) => tokens.has(name) || prefixes.some((p) => name.startsWith(p));
}

/** Removes the custom properties nothing reads, until none is left (a property may only feed another). */
function dropUnreadProperties(root, isUsed) {
  for (;;) {
    const read = new Set();
    root.walkDecls((decl) => {
      for (const [, name] of decl.value.matchAll(PROPERTY_READ)) read.add(name);
    });
    let removed = 0;
    root.walkDecls(/^--/, (decl) => {
      if (read.has(decl.prop) || isUsed(decl.prop)) return;
      decl.remove();
      removed += 1;
    });
    if (removed === 0) return;
  }
}

function plugin() {
  let isUsed;
  return {
    postcssPlugin: "dsfr-used-css",
    Once(root) {
      const file = root.source?.input?.file ?? "";
      if (process.env.NODE_ENV !== "production" || !file.includes("@codegouvfr")) return;
      isUsed ??= usedClassTest(usedTokens());
      root.walkRules((rule) => {
        if (rule.parent?.type === "atrule" && /keyframes$/.test(rule.parent.name)) return;
        const kept = rule.selectors.filter((selector) => selectorUsed(selector, isUsed));
        if (kept.length === 0) rule.remove();
        else if (kept.length < rule.selectors.length) rule.selectors = kept;
      });
      dropUnreadProperties(root, isUsed);
      dropEmpty(root);
    },
  };
}

/** A class the product never writes can only be missing: inside `:not(…)` it always holds. */
function selectorUsed(selector, isUsed) {
  if (DARK_THEME.test(selector)) return false;
  const required = selector.replace(NEGATION, "");
  return [...required.matchAll(CLASS_IN_SELECTOR)].every(([, name]) => isUsed(name));
}

/** Rules left without declarations, then at-rules left without content, innermost first. */
function dropEmpty(root) {
  root.walkRules((rule) => {
    if (rule.nodes.length === 0) rule.remove();
  });
  const atRules = [];
  root.walkAtRules((atRule) => atRules.push(atRule));
  for (const atRule of atRules.reverse()) if (atRule.nodes?.length === 0) atRule.remove();
}
plugin.postcss = true;

module.exports = plugin;
module.exports.usedTokens = usedTokens;
