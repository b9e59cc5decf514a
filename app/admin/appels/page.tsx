import Button from "@codegouvfr/react-dsfr/Button";
import Link from "next/link";
import { DuplicateCallButton } from "@/components/admin/call-buttons";
import { Table } from "@/components/ui/table";
import { requireSpace } from "@/lib/auth/session";
import { listAllCalls } from "@/lib/calls/data";
import { PHASE_LABELS } from "@/lib/calls/phase";
import { formatDate, formatEuros } from "@/lib/format";

export const metadata = { title: "Appels - Administration" };

export default async function CallsAdminPage() {
  const actor = await requireSpace("space.admin", "/admin/appels");
  const calls = await listAllCalls(actor);
  return (
    <div className="fr-pb-6w">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1>Appels</h1>
        <Button linkProps={{ href: "/admin/appels/nouveau" }} iconId="fr-icon-add-line">
          Nouvel appel
        </Button>
      </div>
      {calls.length === 0 ? (
        <p className="fr-p-3w fr-background-alt--grey">
          Aucun appel pour le moment. Créez le premier.
        </p>
      ) : (
        <Table
          caption={`Appels (${calls.length})`}
          head={
            <tr>
              <th scope="col">Appel</th>
              <th scope="col">Phase</th>
              <th scope="col">Ouverture</th>
              <th scope="col">Date limite</th>
              <th scope="col">Enveloppe</th>
              <th scope="col">Actions</th>
            </tr>
          }
        >
          {calls.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link href={`/admin/appels/${c.id}`}>{c.title}</Link>
              </th>
              <td>{PHASE_LABELS[c.phase]}</td>
              <td>{formatDate(c.opensAt)}</td>
              <td>{formatDate(c.deadlineAt)}</td>
              <td>{formatEuros(c.envelopeCents)}</td>
              <td>
                <DuplicateCallButton callId={c.id} title={c.title} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
