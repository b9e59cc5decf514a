import { AccountSummary } from "@/components/auth/account-summary";
import { PasswordChangeForm, ProfileForm } from "@/components/auth/account-forms";
import { requireActor } from "@/lib/auth/session";
import { regionsByCode } from "@/lib/regions/data";
import { ApiTokens } from "@/components/api/api-tokens";
import { listApiTokens } from "@/lib/api/tokens";
import { can } from "@/lib/auth/policy";
import { formatDateTime } from "@/lib/format";

export const metadata = { title: "Mon compte" };

export default async function AccountPage() {
  const actor = await requireActor("/mon-compte");
  const regions = await regionsByCode(actor.roles.flatMap((g) => (g.regionCode ? [g.regionCode] : [])));
  const tokens = can(actor, "apiToken.manage") ? await listApiTokens(actor) : null;
  const now = new Date();
  return (
    <div className="fr-container fr-py-6w max-w-3xl">
      <h1>Mon compte</h1>
      <AccountSummary actor={actor} regionNames={new Map(regions.map((r) => [r.code, r.name]))} />
      <h2>Mon nom</h2>
      <ProfileForm name={actor.name} />
      <h2>Mon mot de passe</h2>
      <PasswordChangeForm />
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
