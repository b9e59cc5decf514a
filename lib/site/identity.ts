// The product as browsers and phones show it: its names, its colours and its icons (the page's title,
// the web app manifest, the home-screen icon). No server import: the layout, the manifest and the
// tests read it.

export const SITE_NAME = "AMI PTCE – Pôles territoriaux de coopération économique";
export const SITE_SHORT_NAME = "AMI PTCE";
export const SITE_DESCRIPTION =
  "Candidater, instruire et suivre l'appel à manifestation d'intérêt PTCE.";

/** The DSFR's « bleu France » (blue-france-sun-113-625) and the pages' background. */
export const THEME_COLOR = "#000091";
export const BACKGROUND_COLOR = "#ffffff";

/**
 * The icons in public/: the DSFR's own favicon set (the Marianne mark), copied byte for byte from
 * node_modules/@codegouvfr/react-dsfr/dsfr/favicon/ (a unit test keeps them equal). The DSFR is under the
 * MIT licence except for the Marianne font, and the State's mark is reserved to the State's services:
 * this product is one (a State call for projects), so it may carry it.
 */
export const ICONS = {
  ico: { url: "/favicon.ico", type: "image/x-icon", sizes: "48x48 32x32 16x16" },
  svg: { url: "/favicon.svg", type: "image/svg+xml", sizes: "any" },
  appleTouch: { url: "/apple-touch-icon.png", type: "image/png", sizes: "180x180" },
  android192: { url: "/android-chrome-192x192.png", type: "image/png", sizes: "192x192" },
  android512: { url: "/android-chrome-512x512.png", type: "image/png", sizes: "512x512" },
} as const;
