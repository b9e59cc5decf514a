import { Alert } from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Link from "next/link";
import { CreateDossierButton } from "@/components/applications/create-dossier-button";
import { StatusBadge } from "@/components/applications/status-badge";
import { Table } from "@/components/ui/table";
import { listOwnApplications } from "@/lib/applications/data";
import { requireSpace } from "@/lib/auth/session";
import { getCurrentCall } from "@/lib/calls/data";
import { formatDateTime, formatEuros } from "@/lib/format";
import { getOwnPole } from "@/lib/poles/data";

export const metadata = { title: "Mes dossiers" };

export default async function ApplicantSpacePage() {
  const actor = await requireSpace("space.applicant", "/mes-dossiers");
  const [applications, call, pole] = await Promise.all([
    listOwnApplications(actor),
    getCurrentCall(),
    getOwnPole(actor),
  ]);
  const hasDossierForCall = call ? applications.some((a) => a.callId === call.id) : false;
  return (
    <div className="fr-container fr-py-6w">
      <h1>Mes dossiers</h1>
      <p>Bonjour {actor.name}. Retrouvez ici vos dossiers de candidature et leur avancement.</p>
      {call?.phase === "OPEN" && (
        <Alert
          severity="info"
          title={`${call.title} : candidatures ouvertes`}
          description={`Déposez votre dossier avant le ${formatDateTime(call.deadlineAt)} (heure de Paris).`}
          as="h2"
          role="status"
          className="fr-mb-4w"
        />
      )}
      <section aria-labelledby="pole-titre" className="fr-mb-4w fr-p-3w fr-background-alt--grey">
        <h2 id="pole-titre" className="fr-h5">
          Mon pôle
        </h2>
        {pole ? (
          <p>
            <strong>{pole.name}</strong> — {pole.carrierName}, {pole.city} ({pole.region.name}) ·{" "}
            {pole.members.length} membre{pole.members.length > 1 ? "s" : ""}.{" "}
            <Link href="/mes-dossiers/pole">Modifier mon pôle</Link>
          </p>
        ) : (
          <>
            <p>
              Présentez d&apos;abord votre pôle : structure porteuse, adresse, territoire et
              membres. Ces informations sont reprises dans vos dossiers.
            </p>
            <Button linkProps={{ href: "/mes-dossiers/pole" }}>Présenter mon pôle</Button>
          </>
        )}
        {pole && call?.phase === "OPEN" && !hasDossierForCall && (
          <CreateDossierButton callId={call.id} />
        )}
      </section>
      {applications.length === 0 ? (
        <p className="fr-p-3w fr-background-alt--grey">
          Vous n&apos;avez pas encore de dossier de candidature.
        </p>
      ) : (
        <Table
          caption="Vos dossiers de candidature"
          head={
            <tr>
              <th scope="col">Dossier</th>
              <th scope="col">Appel</th>
              <th scope="col">Montant demandé</th>
              <th scope="col">Statut</th>
              <th scope="col">Dernière modification</th>
            </tr>
          }
        >
          {applications.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <Link href={`/mes-dossiers/${a.id}`}>{a.title || a.pole.name}</Link>
                {a.reference && <div className="fr-text--xs fr-mb-0">{a.reference}</div>}
              </th>
              <td>{a.call.title}</td>
              <td>{a.amountRequestedCents === null ? "—" : formatEuros(a.amountRequestedCents)}</td>
              <td>
                <StatusBadge status={a.status} />
              </td>
              <td>{formatDateTime(a.updatedAt)}</td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
