import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { notFound } from "next/navigation";
import { UserActiveToggle, UserRolesForm } from "@/components/admin/user-admin";
import { requireSpace } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { listRegions } from "@/lib/regions/data";
import { getUserForAdmin } from "@/lib/users/data";

export const metadata = { title: "Utilisateur - Administration" };

export default async function UserAdminPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireSpace("space.admin", `/admin/utilisateurs/${id}`);
  const [user, regions] = await Promise.all([getUserForAdmin(actor, id), listRegions()]);
  if (!user) notFound();
  return (
    <div className="fr-pb-6w max-w-3xl">
      <h1>{user.name}</h1>
      <p>
        {user.email} ·{" "}
        {!user.active ? (
          <Badge severity="error" small>
            Désactivé
          </Badge>
        ) : user.emailVerifiedAt ? (
          <Badge severity="success" small>
            Actif
          </Badge>
        ) : (
          <Badge severity="info" small>
            Invité, pas encore activé
          </Badge>
        )}{" "}
        · compte créé le {formatDate(user.createdAt)}
      </p>
      <section aria-labelledby="roles-titre" className="fr-mb-5w">
        <h2 id="roles-titre">Rôles</h2>
        <UserRolesForm
          userId={user.id}
          roles={user.roles}
          regions={regions.map(({ code, name }) => ({ code, name }))}
        />
      </section>
      <section aria-labelledby="etat-titre">
        <h2 id="etat-titre">Accès</h2>
        <UserActiveToggle userId={user.id} active={user.active} name={user.name} />
      </section>
    </div>
  );
}
