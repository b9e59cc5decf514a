import { CallPicker } from "@/components/calls/call-picker";
import { Table } from "@/components/ui/table";
import { countByRegionAndStatus, type StatusCounts } from "@/lib/applications/data";
import { SUBMITTED_STATUSES } from "@/lib/applications/status";
import { requireSpace } from "@/lib/auth/session";
import { listPublicCalls, pickCall } from "@/lib/calls/data";
import { PHASE_LABELS } from "@/lib/calls/phase";
import { formatDateTime, formatEuros } from "@/lib/format";
import { listRegions } from "@/lib/regions/data";
import { ReopenForm } from "@/components/regional/region-actions";
import { regionalReviews } from "@/lib/regional/data";

export const metadata = { title: "Cellule nationale" };

type Props = { searchParams: Promise<{ appel?: string }> };

const sum = (counts: StatusCounts, statuses: readonly (keyof StatusCounts)[]) => statuses.reduce((s, st) => s + (counts[st] ?? 0), 0);

export default async function NationalCellPage({ searchParams }: Props) {
  const actor = await requireSpace("space.cna", "/cna");
  const params = await searchParams;
  const [calls, regions] = await Promise.all([listPublicCalls(), listRegions()]);
  const call = pickCall(calls, params.appel);
  const [counts, reviews] = call
    ? await Promise.all([countByRegionAndStatus(actor, call.id), regionalReviews(actor, call.id)])
    : [new Map<string, StatusCounts>(), new Map()];
  const reopenable = call && ["REGIONAL_REVIEW", "NATIONAL_REVIEW"].includes(call.phase);
  return (
    <div className="fr-container fr-py-6w">
      <h1>Cellule nationale d&apos;animation</h1>
      {/* After the decision (issue 6) */}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        <li><a className="fr-btn fr-btn--secondary" href="/cna/conventions">Conventions et versements</a></li>
        <li><a className="fr-btn fr-btn--secondary" href="/cna/statistiques">Statistiques et exports</a></li>
      </ul>
      {!call ? (
        <p className="fr-p-3w fr-background-alt--grey">Aucun appel n&apos;est encore publié.</p>
      ) : (
        <>
          <CallPicker calls={calls} current={call.slug} action="/cna" />
          <p>
            <strong>{call.title}</strong> — {PHASE_LABELS[call.phase]} · enveloppe {formatEuros(call.envelopeCents)} · dépôt
            jusqu&apos;au {formatDateTime(call.deadlineAt)}
          </p>
          <Table
            caption="Avancement de l'instruction par région"
            head={
              <tr>
                <th scope="col">Région</th>
                <th scope="col">Déposés</th>
                <th scope="col">En instruction</th>
                <th scope="col">Irrecevables</th>
                <th scope="col">Avis régional rendu</th>
                <th scope="col">Résultats régionaux</th>
              </tr>
            }
          >
            {regions.map((r) => {
              const c = counts.get(r.code) ?? {};
              return (
                <tr key={r.code}>
                  <th scope="row">{r.name}</th>
                  <td>{sum(c, SUBMITTED_STATUSES)}</td>
                  <td>{sum(c, ["SUBMITTED", "COMPLEMENT_REQUESTED", "UNDER_REVIEW"])}</td>
                  <td>{sum(c, ["INADMISSIBLE"])}</td>
                  <td>{sum(c, ["REGIONAL_DONE", "LAUREATE", "RESERVE", "NOT_RETAINED"])}</td>
                  <td>
                    {reviews.get(r.code)?.status === "FINALIZED" ? (
                      <>
                        Finalisés le {formatDateTime(reviews.get(r.code)!.finalizedAt!)}
                        {reopenable && <ReopenForm callId={call.id} regionCode={r.code} regionName={r.name} />}
                      </>
                    ) : reviews.get(r.code)?.reopenedAt ? (
                      `Rouverts le ${formatDateTime(reviews.get(r.code)!.reopenedAt!)}`
                    ) : (
                      "En cours"
                    )}
                  </td>
                </tr>
              );
            })}
          </Table>
        </>
      )}
    </div>
  );
}
