import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { DsfrHead, getHtmlAttributes } from "@/components/dsfr/head";
import { DsfrProvider, StartDsfrOnHydration } from "@/components/dsfr/provider";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeaderBar } from "@/components/layout/site-header-bar";
import { getActor } from "@/lib/auth/session";
import { spacesOf } from "@/lib/auth/spaces";
import { unreadNotificationCount } from "@/lib/notifications/data";
import { ICONS, SITE_DESCRIPTION, SITE_SHORT_NAME } from "@/lib/site/identity";
import { NONCE_HEADER } from "@/lib/site/security-headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: SITE_SHORT_NAME, template: `%s - ${SITE_SHORT_NAME}` },
  description: SITE_DESCRIPTION,
  // The icons of public/ (the DSFR's favicon set), linked once: the DSFR head's own links are turned off.
  // The manifest (app/manifest.ts) is linked by Next.js.
  icons: {
    icon: [ICONS.ico, ICONS.svg].map(({ url, type, sizes }) => ({ url, type, sizes })),
    apple: [{ url: ICONS.appleTouch.url, sizes: ICONS.appleTouch.sizes }],
  },
};

const lang = "fr";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  const spaces = spacesOf(actor).map(({ href, label }) => ({ href, label }));
  // The header shows the signed-in person's unread notifications, counted here on the server (no request
  // from the browser for the count).
  const unread = actor ? await unreadNotificationCount(actor) : 0;
  // The DSFR's colour-scheme script runs before the page is painted: it carries this answer's nonce.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html {...getHtmlAttributes({ lang })}>
      <head>
        <StartDsfrOnHydration />
        <DsfrHead nonce={nonce} />
      </head>
      <body className="flex min-h-screen flex-col">
        <DsfrProvider lang={lang}>
          <SiteHeaderBar
            user={actor ? { name: actor.name } : null}
            spaces={spaces}
            unread={unread}
          />
          <main id="contenu" tabIndex={-1} className="flex-1">
            {children}
          </main>
          <SiteFooter />
        </DsfrProvider>
      </body>
    </html>
  );
}
