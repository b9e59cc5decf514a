"use client";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { signOut } from "next-auth/react";
import { usePathname } from "next/navigation";

export type HeaderProps = { user: { name: string } | null; spaces: { href: string; label: string }[] };

/** The State's header with one navigation: the spaces the signed-in user may enter. */
export function SiteHeader({ user, spaces }: HeaderProps) {
  const pathname = usePathname();
  const quickAccessItems = user
    ? [
        { iconId: "fr-icon-account-circle-line" as const, text: user.name, linkProps: { href: "/mon-compte" } },
        {
          iconId: "fr-icon-logout-box-r-line" as const,
          text: "Se déconnecter",
          buttonProps: { onClick: () => void signOut({ callbackUrl: "/" }) },
        },
      ]
    : [{ iconId: "fr-icon-lock-line" as const, text: "Se connecter", linkProps: { href: "/connexion" } }];

  return (
    <>
      <SkipLinks links={[{ label: "Contenu", anchor: "#contenu" }, { label: "Pied de page", anchor: "#fr-footer" }]} />
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
        ...spaces.map((s) => ({ text: s.label, linkProps: { href: s.href }, isActive: pathname.startsWith(s.href) })),
      ]}
      />
    </>
  );
}
