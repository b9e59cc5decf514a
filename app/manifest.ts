import type { MetadataRoute } from "next";
import {
  BACKGROUND_COLOR,
  ICONS,
  SITE_DESCRIPTION,
  SITE_NAME,
  SITE_SHORT_NAME,
  THEME_COLOR,
} from "@/lib/site/identity";

// /manifest.webmanifest, linked from every page by Next.js: the site added to a phone's home screen.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: SITE_NAME,
    short_name: SITE_SHORT_NAME,
    description: SITE_DESCRIPTION,
    lang: "fr",
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: BACKGROUND_COLOR,
    theme_color: THEME_COLOR,
    icons: [ICONS.svg, ICONS.android192, ICONS.android512].map(({ url, sizes, type }) => ({
      src: url,
      sizes,
      type,
    })),
  };
}
