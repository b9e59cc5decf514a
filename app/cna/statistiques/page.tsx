import { CallPicker } from "@/components/calls/call-picker";
import { CallStatisticsView } from "@/components/statistics/call-statistics";
import { can } from "@/lib/auth/policy";
import { requireSpace } from "@/lib/auth/session";
import { listPublicCalls, pickCall } from "@/lib/calls/data";
import { callStatistics } from "@/lib/statistics/data";

export const metadata = { title: "Statistiques nationales" };

type Props = { searchParams: Promise<{ appel?: string }> };

export default async function NationalStatisticsPage({ searchParams }: Props) {
  const actor = await requireSpace("space.cna", "/cna/statistiques");
  const calls = await listPublicCalls();
  const call = pickCall(calls, (await searchParams).appel);
  const stats = call ? await callStatistics(actor, call.id, null) : null;
  return (
    <div className="fr-container fr-py-6w">
      <h1>Statistiques nationales</h1>
      {!call || !stats ? (
        <p className="fr-p-3w fr-background-alt--grey">Aucun appel n&apos;est encore publié.</p>
      ) : (
        <>
          <CallPicker calls={calls} current={call.slug} action="/cna/statistiques" />
          <p>{stats.callTitle}</p>
          <CallStatisticsView
            stats={stats}
            regional={false}
            callSlug={call.slug}
            canExport={can(actor, "export.run")}
          />
        </>
      )}
    </div>
  );
}
