"use client";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";

export type HeaderBarProps = {
  user: { name: string } | null;
  spaces: { href: string; label: string }[];
  /** the signed-in person's unread notifications, counted on the server */
  unread: number;
};

/** « Notifications (3) » on screen, « Notifications (3) non lues » for screen readers (the visible words first). */
function notificationsText(unread: number) {
  if (unread === 0) return "Notifications";
  return (
    <>
      Notifications ({unread})
      <span className="fr-sr-only"> {unread > 1 ? "non lues" : "non lue"}</span>
    </>
  );
}

/** The State's header with one navigation: the spaces the signed-in user may enter. */
export function SiteHeaderBar({ user, spaces, unread }: HeaderBarProps) {
  const pathname = usePathname();
  const quickAccessItems = user
    ? [
        {
          iconId:
            unread > 0
              ? ("fr-icon-notification-badge-line" as const)
              : ("fr-icon-notification-3-line" as const),
          text: notificationsText(unread),
          linkProps: {
            href: "/notifications",
            ...(pathname === "/notifications" ? { "aria-current": "page" as const } : {}),
          },
        },
        {
          iconId: "fr-icon-account-circle-line" as const,
          text: user.name,
          linkProps: { href: "/mon-compte" },
        },
        {
          iconId: "fr-icon-logout-box-r-line" as const,
          text: "Se déconnecter",
          buttonProps: { onClick: () => void signOut({ callbackUrl: "/" }) },
        },
      ]
    : [
        {
          iconId: "fr-icon-lock-line" as const,
          text: "Se connecter",
          linkProps: { href: "/connexion" },
        },
      ];

  return (
    <>
      <SkipLinks
        links={[
          { label: "Contenu", anchor: "#contenu" },
          { label: "Pied de page", anchor: "#fr-footer" },
        ]}
      />
      <Header
        brandTop={
          <>
            RÉPUBLIQUE
            <br />
            FRANÇAISE
          </>
        }
        serviceTitle="AMI PTCE"
        serviceTagline="Financer le développement des pôles territoriaux de coopération économique"
        homeLinkProps={{ href: "/", title: "Accueil - AMI PTCE" }}
        quickAccessItems={quickAccessItems}
        navigation={[
          { text: "L'appel", linkProps: { href: "/" }, isActive: pathname === "/" },
          ...spaces.map((s) => ({
            text: s.label,
            linkProps: { href: s.href },
            isActive: pathname.startsWith(s.href),
          })),
        ]}
      />
    </>
  );
}
