import { InviteForm } from "@/components/admin/invite-form";
import { requireSpace } from "@/lib/auth/session";
import { listRegions } from "@/lib/regions/data";

export const metadata = { title: "Inviter une personne - Administration" };

export default async function InvitePage() {
  await requireSpace("space.admin", "/admin/utilisateurs/inviter");
  const regions = await listRegions();
  return (
    <div className="fr-pb-6w max-w-3xl">
      <h1>Inviter une personne</h1>
      <p>
        La personne reçoit un lien pour choisir son mot de passe ; son compte est actif dès
        qu&apos;elle l&apos;a fait.
      </p>
      <InviteForm regions={regions.map(({ code, name }) => ({ code, name }))} />
    </div>
  );
}
