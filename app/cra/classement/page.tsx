import { notFound } from "next/navigation";
import { RankingForm } from "@/components/regional/region-actions";
import { can, craRegions } from "@/lib/auth/policy";
import { requireSpace } from "@/lib/auth/session";
import { listPublicCalls, pickCall } from "@/lib/calls/data";
import { formatEuros } from "@/lib/format";
import { regionTable } from "@/lib/regional/data";
import { formatPoints, OPINION_LABELS } from "@/lib/regional/labels";
import { regionsByCode } from "@/lib/regions/data";

export const metadata = { title: "Classement régional" };

type Props = { searchParams: Promise<{ appel?: string; region?: string }> };

export default async function RankingPage({ searchParams }: Props) {
  const actor = await requireSpace("space.cra", "/cra/classement");
  const params = await searchParams;
  const [calls, regions] = await Promise.all([listPublicCalls(), regionsByCode(craRegions(actor))]);
  const call = pickCall(calls, params.appel);
  const region = regions.find((r) => r.code === params.region) ?? regions[0];
  if (
    !call ||
    !region ||
    !can(actor, "region.finalize", { kind: "region", regionCode: region.code })
  )
    notFound();
  const table = await regionTable(actor, call.id, region.code, {
    sort: "rank",
    page: { page: 1, size: 100_000, skip: 0 },
  });
  // Ranked first in their order, then the others by consolidated score: the starting point of the ranking.
  const withOpinion = table.all
    .filter((r) => r.opinion && r.status === "UNDER_REVIEW")
    .sort(
      (a, b) =>
        (a.opinion!.rank ?? Infinity) - (b.opinion!.rank ?? Infinity) ||
        b.opinion!.consolidatedScore - a.opinion!.consolidatedScore ||
        a.reference.localeCompare(b.reference),
    );
  const back = `/cra?${new URLSearchParams({ appel: call.slug, region: region.code })}`;
  return (
    <div className="fr-container fr-py-6w">
      <nav aria-label="Retour">
        <a className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={back}>
          Dossiers de la région
        </a>
      </nav>
      <h1 className="fr-mt-3w">Classement régional · {region.name}</h1>
      {table.finalized ? (
        <p>Les résultats de la région sont finalisés : le classement n&apos;est plus modifiable.</p>
      ) : withOpinion.length === 0 ? (
        <p className="fr-p-3w fr-background-alt--grey">
          Aucun dossier n&apos;a encore d&apos;avis régional : le classement s&apos;établit une fois
          les avis rédigés.
        </p>
      ) : (
        <>
          <p>
            Ordre proposé : le classement enregistré, puis les dossiers non classés par note
            consolidée décroissante. Déplacez un dossier avec « Monter » et « Descendre », puis
            enregistrez.
          </p>
          <RankingForm
            callId={call.id}
            regionCode={region.code}
            initial={withOpinion.map((r) => ({
              id: r.id,
              reference: r.reference,
              poleName: r.poleName,
              opinion: OPINION_LABELS[r.opinion!.opinion],
              score: formatPoints(r.opinion!.consolidatedScore),
              amount: formatEuros(r.opinion!.proposedAmountCents),
            }))}
          />
        </>
      )}
    </div>
  );
}
