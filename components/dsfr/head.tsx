// The DSFR's <head> part (its stylesheet with the Marianne fonts, served from the package) and the
// attributes of <html>. Server-only. Its favicon links are off: the icons are served from public/ and
// linked by the root layout's metadata, at the addresses browsers also ask for by themselves (/favicon.ico).
import {
  createGetHtmlAttributes,
  DsfrHeadBase,
} from "@codegouvfr/react-dsfr/next-app-router/server-only-index";
import Link from "next/link";
import { defaultColorScheme } from "./color-scheme";

export const { getHtmlAttributes } = createGetHtmlAttributes({ defaultColorScheme });

export function DsfrHead({ nonce }: { nonce: string | undefined }) {
  return (
    <DsfrHeadBase
      nonce={nonce}
      Link={Link}
      doDisableFavicon
      preloadFonts={["Marianne-Regular", "Marianne-Medium", "Marianne-Bold"]}
    />
  );
}
