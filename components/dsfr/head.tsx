// The DSFR's <head> part (its stylesheet with the Marianne fonts, served from the package) and the
// attributes of <html>. Server-only.
import { createGetHtmlAttributes, DsfrHeadBase } from "@codegouvfr/react-dsfr/next-app-router/server-only-index";
import Link from "next/link";
import { defaultColorScheme } from "./color-scheme";

export const { getHtmlAttributes } = createGetHtmlAttributes({ defaultColorScheme });

export function DsfrHead() {
  return <DsfrHeadBase Link={Link} preloadFonts={["Marianne-Regular", "Marianne-Medium", "Marianne-Bold"]} />;
}
