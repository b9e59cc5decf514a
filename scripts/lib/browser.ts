// The browser of the end-to-end tests: CHROMIUM_PATH, else a Chromium or Chrome installed the usual way,
// else Playwright's own browser if it was downloaded (not needed, and impossible offline).
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const USUAL_PLACES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
];

export function findChromium(): string | undefined {
  const given = process.env.CHROMIUM_PATH;
  if (given) return existsSync(given) ? given : undefined;
  return USUAL_PLACES.find((p) => existsSync(p));
}

/** Playwright's own Chromium, when `npx playwright install chromium` has downloaded it. */
export function playwrightChromium(): string | undefined {
  const own = chromium.executablePath();
  return existsSync(own) ? own : undefined;
}

export const MISSING_BROWSER =
  "Tests de bout en bout : aucun Chromium trouvé (CHROMIUM_PATH, /usr/bin/chromium, Chrome…). " +
  "Installez-le (Debian : sudo apt-get install chromium ; Ubuntu, macOS, Windows : Google Chrome) " +
  "ou donnez son chemin dans CHROMIUM_PATH.";
