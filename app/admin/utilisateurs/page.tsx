import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Button from "@codegouvfr/react-dsfr/Button";
import Link from "next/link";
import { FilterForm, SearchField } from "@/components/ui/filter-bar";
import { FilterSelect } from "@/components/ui/filter-select";
import { Pager } from "@/components/ui/pager";
import { Table } from "@/components/ui/table";
import { requireSpace } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/spaces";
import { parsePage } from "@/lib/pagination";
import { listRegions } from "@/lib/regions/data";
import { listUsers } from "@/lib/users/data";
import { userFilterSchema } from "@/lib/users/schema";

export const metadata = { title: "Utilisateurs - Administration" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function UsersAdminPage({ searchParams }: Props) {
  const actor = await requireSpace("space.admin", "/admin/utilisateurs");
  const params = await searchParams;
  const filter = userFilterSchema.parse(params);
  const [users, regions] = await Promise.all([
    listUsers(actor, parsePage(params), filter),
    listRegions(),
  ]);
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const kept = Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as Record<
    string,
    string
  >;
  return (
    <div className="fr-pb-6w">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1>Utilisateurs</h1>
        <Button linkProps={{ href: "/admin/utilisateurs/inviter" }} iconId="fr-icon-user-add-line">
          Inviter une personne
        </Button>
      </div>
      {params.invite && (
        <Alert
          severity="success"
          as="h2"
          role="status"
          small={false}
          className="fr-mb-3w"
          title="Invitation envoyée"
          description={`Un lien d'activation a été envoyé à ${params.invite}.`}
        />
      )}
      <FilterForm
        className="fr-mb-3w grid items-end gap-4 md:grid-cols-4"
        label="Rechercher des utilisateurs"
      >
        <SearchField id="q" label="Nom ou adresse e-mail" value={filter.q} />
        <FilterSelect
          id="role"
          name="role"
          label="Rôle"
          value={filter.role}
          all="Tous les rôles"
          options={Object.entries(ROLE_LABELS)}
        />
        <FilterSelect
          id="region"
          name="region"
          label="Région"
          value={filter.region}
          all="Toutes les régions"
          options={regions.map((r) => [r.code, r.name] as const)}
        />
        <button type="submit" className="fr-btn fr-btn--secondary">
          Rechercher
        </button>
      </FilterForm>
      {users.total === 0 ? (
        <p className="fr-p-3w fr-background-alt--grey">
          Aucun utilisateur ne correspond à cette recherche.
        </p>
      ) : (
        <Table
          caption={`Utilisateurs (${users.total})`}
          head={
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse e-mail</th>
              <th scope="col">Rôles</th>
              <th scope="col">État</th>
            </tr>
          }
        >
          {users.items.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                <Link href={`/admin/utilisateurs/${u.id}`}>{u.name}</Link>
              </th>
              <td>{u.email}</td>
              <td>
                {u.roles
                  .map(
                    (g) =>
                      ROLE_LABELS[g.role] +
                      (g.regionCode ? ` — ${regionName.get(g.regionCode) ?? g.regionCode}` : ""),
                  )
                  .join(" ; ")}
              </td>
              <td>
                {!u.active ? (
                  <Badge severity="error" small>
                    Désactivé
                  </Badge>
                ) : u.emailVerifiedAt ? (
                  <Badge severity="success" small>
                    Actif
                  </Badge>
                ) : (
                  <Badge severity="info" small>
                    Invité
                  </Badge>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Pager
        page={users.page}
        pageCount={users.pageCount}
        basePath="/admin/utilisateurs"
        params={kept}
      />
    </div>
  );
}
