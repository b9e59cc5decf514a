import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Pager } from "@/components/ui/pager";
import { Table } from "@/components/ui/table";
import { requireSpace } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/spaces";
import { listAllCalls } from "@/lib/calls/data";
import { PHASE_LABELS } from "@/lib/calls/phase";
import { formatDate, formatEuros } from "@/lib/format";
import { parsePage } from "@/lib/pagination";
import { listRegions } from "@/lib/regions/data";
import { listUsers } from "@/lib/users/data";

export const metadata = { title: "Administration" };

type Props = { searchParams: Promise<{ page?: string; taille?: string }> };

export default async function AdminPage({ searchParams }: Props) {
  const actor = await requireSpace("space.admin", "/admin");
  const page = parsePage(await searchParams);
  const [calls, users, regions] = await Promise.all([listAllCalls(actor), listUsers(actor, page), listRegions()]);
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  return (
    <div className="fr-container fr-py-6w">
      <h1>Administration</h1>
      <section aria-labelledby="appels" className="fr-mb-6w">
        <h2 id="appels">Appels</h2>
        <Table
          caption={`Appels (${calls.length})`}
          head={
            <tr>
              <th scope="col">Appel</th>
              <th scope="col">Phase</th>
              <th scope="col">Ouverture</th>
              <th scope="col">Date limite</th>
              <th scope="col">Enveloppe</th>
            </tr>
          }
        >
          {calls.map((c) => (
            <tr key={c.id}>
              <td>{c.title}</td>
              <td>{PHASE_LABELS[c.phase]}</td>
              <td>{formatDate(c.opensAt)}</td>
              <td>{formatDate(c.deadlineAt)}</td>
              <td>{formatEuros(c.envelopeCents)}</td>
            </tr>
          ))}
        </Table>
      </section>
      <section aria-labelledby="utilisateurs">
        <h2 id="utilisateurs">Utilisateurs</h2>
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
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                {u.roles.map((g) => ROLE_LABELS[g.role] + (g.regionCode ? ` — ${regionName.get(g.regionCode) ?? g.regionCode}` : "")).join(" ; ")}
              </td>
              <td>
                {u.active ? (
                  <Badge severity="success" small>Actif</Badge>
                ) : (
                  <Badge severity="error" small>Désactivé</Badge>
                )}
              </td>
            </tr>
          ))}
        </Table>
        <Pager page={users.page} pageCount={users.pageCount} basePath="/admin" />
      </section>
    </div>
  );
}
