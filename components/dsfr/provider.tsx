"use client";
// The DSFR's client side (its JavaScript, the links of its components), wired to next/link.
import { DsfrProviderBase, StartDsfrOnHydration } from "@codegouvfr/react-dsfr/next-app-router";
import Link from "next/link";
import type { ReactNode } from "react";
import { defaultColorScheme } from "./color-scheme";

declare module "@codegouvfr/react-dsfr/next-app-router" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

export function DsfrProvider({ lang, children }: { lang: string; children: ReactNode }) {
  return (
    <DsfrProviderBase
      lang={lang}
      defaultColorScheme={defaultColorScheme}
      Link={Link}
      // Its colour-scheme style carries the nonce the DSFR head wrote (the Content-Security-Policy's).
      doCheckNonce
    >
      {children}
    </DsfrProviderBase>
  );
}

export { StartDsfrOnHydration };
