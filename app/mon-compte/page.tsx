import Link from "next/link";
import { ApiTokens } from "@/components/api/api-tokens";
import { PasswordChangeForm, ProfileForm } from "@/components/auth/account-forms";
import { AccountSummary } from "@/components/auth/account-summary";
import { EmailPreferencesForm } from "@/components/notifications/email-preferences";
import { listApiTokens } from "@/lib/api/data";
import { can } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { emailPreferences } from "@/lib/notifications/data";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";
import { regionsByCode } from "@/lib/regions/data";

export const metadata = { title: "Mon compte" };

export default async function AccountPage() {
  const actor = await requireActor("/mon-compte");
  const regions = await regionsByCode(
    actor.roles.flatMap((g) => (g.regionCode ? [g.regionCode] : [])),
  );
  const tokens = can(actor, "apiToken.manage") ? await listApiTokens(actor) : null;
  const { optOuts, offered } = await emailPreferences(actor);
  const kindsOf = (kinds: NotificationKind[]) =>
    kinds.map((kind) => ({ kind, label: NOTIFICATION_KINDS[kind].label }));
  const mandatory = (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).filter(
    (k) => NOTIFICATION_KINDS[k].mandatory,
  );
  const now = new Date();
  return (
    <div className="fr-container fr-py-6w max-w-3xl">
      <h1>Mon compte</h1>
      <AccountSummary actor={actor} regionNames={new Map(regions.map((r) => [r.code, r.name]))} />
      <h2>Mon nom</h2>
      <ProfileForm name={actor.name} />
      <h2>Mon mot de passe</h2>
      <PasswordChangeForm />
      <h2 id="preferences" className="fr-mt-6w">
        Mes notifications par e-mail
      </h2>
      <p>
        Toutes vos notifications sont dans la page <Link href="/notifications">Notifications</Link>.
        Choisissez celles que vous recevez aussi par e-mail.
      </p>
      <EmailPreferencesForm
        optional={kindsOf(offered)}
        mandatory={kindsOf(mandatory)}
        optOuts={optOuts}
      />
      <h2 className="fr-mt-6w">Mes données personnelles</h2>
      <p>
        Téléchargez tout ce que la plateforme détient sur vous : votre compte, vos pôles et
        dossiers, vos messages, vos notifications, vos évaluations, les fichiers que vous avez
        déposés et la liste de vos actions enregistrées au journal. Le fichier ZIP contient un
        fichier <code>donnees.json</code> et un dossier <code>fichiers</code>.
      </p>
      <a
        className="fr-link fr-icon-download-line fr-link--icon-left"
        href="/api/mon-compte/donnees"
        download
      >
        Télécharger mes données (ZIP)
      </a>
      {tokens && (
        <>
          <h2>Jetons d&apos;accès à l&apos;API</h2>
          <ApiTokens
            tokens={tokens.map((t) => ({
              id: t.id,
              name: t.name,
              prefix: t.prefix,
              scopes: t.scopes,
              expiresAt: formatDateTime(t.expiresAt),
              revokedAt: t.revokedAt ? formatDateTime(t.revokedAt) : null,
              lastUsedAt: t.lastUsedAt ? formatDateTime(t.lastUsedAt) : null,
              expired: t.expiresAt <= now,
            }))}
          />
        </>
      )}
    </div>
  );
}
