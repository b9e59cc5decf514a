import { AccountSummary } from "@/components/auth/account-summary";
import { PasswordChangeForm, ProfileForm } from "@/components/auth/account-forms";
import { requireActor } from "@/lib/auth/session";
import { regionsByCode } from "@/lib/regions/data";

export const metadata = { title: "Mon compte" };

export default async function AccountPage() {
  const actor = await requireActor("/mon-compte");
  const regions = await regionsByCode(actor.roles.flatMap((g) => (g.regionCode ? [g.regionCode] : [])));
  return (
    <div className="fr-container fr-py-6w max-w-3xl">
      <h1>Mon compte</h1>
      <AccountSummary actor={actor} regionNames={new Map(regions.map((r) => [r.code, r.name]))} />
      <h2>Mon nom</h2>
      <ProfileForm name={actor.name} />
      <h2>Mon mot de passe</h2>
      <PasswordChangeForm />
    </div>
  );
}
