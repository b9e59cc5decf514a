import { CallPicker } from "@/components/calls/call-picker";
import { CallStatisticsView } from "@/components/statistics/call-statistics";
import { can, craRegions } from "@/lib/auth/policy";
import { requireSpace } from "@/lib/auth/session";
import { listPublicCalls, pickCall } from "@/lib/calls/data";
import { regionsByCode } from "@/lib/regions/data";
import { callStatistics } from "@/lib/statistics/data";

export const metadata = { title: "Statistiques régionales" };

type Props = { searchParams: Promise<{ appel?: string }> };

export default async function RegionalStatisticsPage({ searchParams }: Props) {
  const actor = await requireSpace("space.cra", "/cra/statistiques");
  const [calls, regions] = await Promise.all([listPublicCalls(), regionsByCode(craRegions(actor))]);
  const call = pickCall(calls, (await searchParams).appel);
  const all = call
    ? await Promise.all(regions.map((r) => callStatistics(actor, call.id, r.code)))
    : [];
  return (
    <div className="fr-container fr-py-6w">
      <h1>Statistiques régionales</h1>
      {!call ? (
        <p className="fr-p-3w fr-background-alt--grey">Aucun appel n&apos;est encore publié.</p>
      ) : (
        <>
          <CallPicker calls={calls} current={call.slug} action="/cra/statistiques" />
          {regions.map((r, i) => (
            <section key={r.code} aria-labelledby={`region-${r.code}`}>
              <h2 id={`region-${r.code}`} className="fr-h3">
                {r.name}
              </h2>
              <CallStatisticsView
                stats={all[i]!}
                regional
                callSlug={call.slug}
                canExport={i === 0 && can(actor, "export.run")}
              />
            </section>
          ))}
        </>
      )}
    </div>
  );
}
