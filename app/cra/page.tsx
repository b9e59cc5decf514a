import { StatusBadge } from "@/components/applications/status-badge";
import { CallPicker } from "@/components/calls/call-picker";
import { Pager } from "@/components/ui/pager";
import { Table } from "@/components/ui/table";
import { countByRegionAndStatus, listRegionApplications, type StatusCounts } from "@/lib/applications/data";
import { STATUS_LABELS, SUBMITTED_STATUSES } from "@/lib/applications/status";
import { craRegions } from "@/lib/auth/policy";
import { requireSpace } from "@/lib/auth/session";
import { listPublicCalls, pickCall } from "@/lib/calls/data";
import { parsePage } from "@/lib/pagination";
import { regionsByCode } from "@/lib/regions/data";

export const metadata = { title: "Cellule régionale" };

type Props = { searchParams: Promise<{ appel?: string; page?: string; taille?: string }> };

export default async function RegionalCellPage({ searchParams }: Props) {
  const actor = await requireSpace("space.cra", "/cra");
  const params = await searchParams;
  const [calls, regions] = await Promise.all([listPublicCalls(), regionsByCode(craRegions(actor))]);
  const call = pickCall(calls, params.appel);
  const page = parsePage(params);
  const counts = call ? await countByRegionAndStatus(actor, call.id) : new Map();
  const lists = call ? await Promise.all(regions.map((r) => listRegionApplications(actor, call.id, r.code, page))) : [];
  return (
    <div className="fr-container fr-py-6w">
      <h1>Cellule régionale d&apos;animation</h1>
      {/* After the decision (issue 6) */}
      <p>
        <a className="fr-link" href="/cra/statistiques">Statistiques et exports de la région</a>
      </p>
      <p>
        {regions.length > 1 ? "Vos régions" : "Votre région"} : <strong>{regions.map((r) => r.name).join(", ")}</strong>
      </p>
      {!call ? (
        <p className="fr-p-3w fr-background-alt--grey">Aucun appel n&apos;est encore publié.</p>
      ) : (
        <>
          <CallPicker calls={calls} current={call.slug} action="/cra" />
          {regions.map((region, i) => {
            const list = lists[i]!;
            const regionCounts: StatusCounts = counts.get(region.code) ?? {};
            const submitted = SUBMITTED_STATUSES.reduce((s, st) => s + (regionCounts[st] ?? 0), 0);
            return (
              <section key={region.code} aria-labelledby={`region-${region.code}`} className="fr-mb-6w">
                <h2 id={`region-${region.code}`}>{region.name}</h2>
                <p>
                  {submitted} dossier{submitted > 1 ? "s" : ""} déposé{submitted > 1 ? "s" : ""}
                  {SUBMITTED_STATUSES.filter((st) => regionCounts[st]).map((st) => ` · ${STATUS_LABELS[st]} : ${regionCounts[st]}`).join("")}
                </p>
                {list.total === 0 ? (
                  <p className="fr-p-3w fr-background-alt--grey">Aucun dossier à instruire pour le moment dans cette région.</p>
                ) : (
                  <>
                    <Table
                      caption={`Dossiers de la région ${region.name} (${list.total})`}
                      head={
                        <tr>
                          <th scope="col">Référence</th>
                          <th scope="col">Pôle</th>
                          <th scope="col">Statut</th>
                        </tr>
                      }
                    >
                      {list.items.map((a) => (
                        <tr key={a.id}>
                          <th scope="row">{a.reference ?? "—"}</th>
                          <td>{a.pole.name}</td>
                          <td>
                            <StatusBadge status={a.status} />
                          </td>
                        </tr>
                      ))}
                    </Table>
                    <Pager page={list.page} pageCount={list.pageCount} basePath="/cra" params={{ appel: call.slug }} />
                  </>
                )}
              </section>
            );
          })}
        </>
      )}
    </div>
  );
}
