import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import { CallPicker } from "@/components/calls/call-picker";
import { CnaNav } from "@/components/national/cna-nav";
import { WideTable as Table } from "@/components/national/wide-table";
import { ReopenForm } from "@/components/regional/region-actions";
import { Deadline } from "@/components/ui/deadline";
import { FilterSelect } from "@/components/ui/filter-select";
import { Pager } from "@/components/ui/pager";
import { requireSpace } from "@/lib/auth/session";
import { listPublicCalls, pickCall } from "@/lib/calls/data";
import { PHASE_LABELS } from "@/lib/calls/phase";
import { formatDateTime, formatEuros, plural } from "@/lib/format";
import { getNationalOverview } from "@/lib/national/data";
import { formatScore, formatStatistic, OPINION_LABELS } from "@/lib/national/labels";
import { overviewFiltersSchema } from "@/lib/national/schema";
import { parsePage } from "@/lib/pagination";
import { TERRITORY_SHORT_LABELS } from "@/lib/poles/labels";
import { OPINION_SEVERITY } from "@/lib/regional/labels";

export const metadata = { title: "Cellule nationale" };

type Params = {
  appel?: string;
  page?: string;
  taille?: string;
  region?: string;
  territoire?: string;
  communaute?: string;
  avis?: string;
};
type Props = { searchParams: Promise<Params> };

export default async function NationalViewPage({ searchParams }: Props) {
  const actor = await requireSpace("space.cna", "/cna");
  const params = await searchParams;
  const calls = await listPublicCalls();
  const call = pickCall(calls, params.appel);
  if (!call) {
    return (
      <div className="fr-container fr-py-6w">
        <h1>Cellule nationale d&apos;animation</h1>
        <p className="fr-p-3w fr-background-alt--grey">Aucun appel n&apos;est encore publié.</p>
      </div>
    );
  }
  const filters = overviewFiltersSchema.parse(params);
  const page = parsePage(params);
  const view = await getNationalOverview(actor, call.id, filters, page);
  const reopenable = ["REGIONAL_REVIEW", "NATIONAL_REVIEW"].includes(call.phase) && !view.decided;
  const keep: Record<string, string> = {
    appel: call.slug,
    ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
  };
  if (params.taille) keep.taille = params.taille;
  const withDossiers = view.regions.filter((r) => r.progress.submitted > 0 || r.finalized);
  return (
    <div className="fr-container fr-py-6w">
      <h1>Cellule nationale d&apos;animation</h1>
      <CnaNav current="vue" slug={call.slug} />
      <CallPicker calls={calls} current={call.slug} action="/cna" />
      <p>
        <strong>{call.title}</strong> — {PHASE_LABELS[call.phase]} · enveloppe{" "}
        {formatEuros(call.envelopeCents)} · subvention de {formatEuros(view.call.minGrantCents)} à{" "}
        {formatEuros(view.call.maxGrantCents)} · dépôt jusqu&apos;au{" "}
        {formatDateTime(call.deadlineAt)}
      </p>

      {["OPEN", "REGIONAL_REVIEW"].includes(call.phase) && view.call.regionalDeadlineAt && (
        <Deadline
          label="Date limite des résultats régionaux"
          at={view.call.regionalDeadlineAt}
          now={new Date()}
        >
          {withDossiers.length > 0 &&
            ` · ${plural(withDossiers.filter((r) => r.finalized).length, "région finalisée", "régions finalisées")} sur ${withDossiers.length}`}
        </Deadline>
      )}
      {!view.decided &&
        ["OPEN", "REGIONAL_REVIEW", "NATIONAL_REVIEW"].includes(call.phase) &&
        view.call.nationalDeadlineAt && (
          <Deadline
            label="Date limite de l'analyse nationale"
            at={view.call.nationalDeadlineAt}
            now={new Date()}
          />
        )}

      <h2>Avancement des régions</h2>
      {withDossiers.length === 0 ? (
        <p className="fr-p-3w fr-background-alt--grey">Aucun dossier déposé pour cet appel.</p>
      ) : (
        <Table
          caption="Avancement de l'instruction, sévérité et accord des évaluateurs par région"
          head={
            <tr>
              <th scope="col">Région</th>
              <th scope="col">Déposés</th>
              <th scope="col">Vérifiés</th>
              <th scope="col">Évalués</th>
              <th scope="col">Avis rendus</th>
              <th scope="col">Instruction</th>
              <th scope="col">Moyenne des notes</th>
              <th scope="col">Écart type</th>
              <th scope="col">Écart type moyen entre évaluateurs</th>
            </tr>
          }
        >
          {withDossiers.map((r) => (
            <tr key={r.code}>
              <th scope="row">{r.name}</th>
              <td>{r.progress.submitted}</td>
              <td>{r.progress.checked}</td>
              <td>{r.progress.evaluated}</td>
              <td>{r.progress.opinions}</td>
              <td>
                {r.finalized ? (
                  <>
                    <Badge severity="success" small>
                      Finalisée
                    </Badge>
                    {r.finalizedAt && (
                      <span className="fr-text--sm"> le {formatDateTime(r.finalizedAt)}</span>
                    )}
                    {reopenable && (
                      <ReopenForm callId={call.id} regionCode={r.code} regionName={r.name} />
                    )}
                  </>
                ) : r.reopenedAt ? (
                  <Badge severity="warning" small>
                    Rouverte le {formatDateTime(r.reopenedAt)}
                  </Badge>
                ) : (
                  <Badge severity="info" small>
                    En cours
                  </Badge>
                )}
              </td>
              <td>{r.severity?.mean != null ? formatScore(Math.round(r.severity.mean)) : "—"}</td>
              <td>
                {r.severity?.standardDeviation != null
                  ? formatScore(Math.round(r.severity.standardDeviation))
                  : "—"}
              </td>
              <td>
                {r.agreement?.meanStandardDeviation != null
                  ? formatScore(Math.round(r.agreement.meanStandardDeviation))
                  : "—"}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <p className="fr-text--sm">
        Les notes brutes ne sont jamais remplacées : la moyenne et l&apos;écart type de chaque
        région mesurent sa sévérité ; l&apos;écart réduit (z) et le rang centile situent chaque
        dossier dans sa région ; l&apos;écart type moyen entre évaluateurs mesure leur accord (plus
        il est faible, plus ils s&apos;accordent).
      </p>

      <h2>Dossiers des régions finalisées</h2>
      <form
        method="get"
        action="/cna"
        className="fr-mb-3w flex flex-wrap items-end gap-4"
        aria-label="Filtrer les dossiers"
      >
        <input type="hidden" name="appel" value={call.slug} />
        <FilterSelect
          id="filtre-region"
          name="region"
          label="Région"
          value={filters.region}
          all="Toutes"
          options={view.regions.filter((r) => r.finalized).map((r) => [r.code, r.name] as const)}
        />
        <FilterSelect
          id="filtre-territoire"
          name="territoire"
          label="Territoire"
          value={filters.territoire}
          all="Tous"
          options={Object.entries(TERRITORY_SHORT_LABELS)}
        />
        <FilterSelect
          id="filtre-communaute"
          name="communaute"
          label="Communauté apprenante"
          value={filters.communaute}
          all="Toutes"
          options={[
            ["aucune", "Aucune"],
            ...view.communities.map((c) => [c.code, c.name] as const),
          ]}
        />
        <FilterSelect
          id="filtre-avis"
          name="avis"
          label="Avis régional"
          value={filters.avis}
          all="Tous"
          options={Object.entries(OPINION_LABELS)}
        />
        <button type="submit" className="fr-btn fr-btn--secondary">
          Filtrer
        </button>
      </form>
      <ul className="fr-mb-3w" aria-label="Totaux">
        <li>
          {view.totals.dossiers} dossier{view.totals.dossiers > 1 ? "s" : ""} · montant demandé{" "}
          {formatEuros(view.totals.requestedCents)} · montant proposé par les régions{" "}
          {formatEuros(view.totals.proposedCents)} · enveloppe{" "}
          {formatEuros(view.totals.envelopeCents)}
          {view.totals.proposedCents > view.totals.envelopeCents &&
            ` (proposé : ${Math.round((view.totals.proposedCents / view.totals.envelopeCents) * 10) / 10} fois l'enveloppe)`}
        </li>
      </ul>
      {view.list.total === 0 ? (
        <p className="fr-p-3w fr-background-alt--grey">
          Aucun dossier ne correspond : aucune région n&apos;est encore finalisée, ou les filtres
          sont trop restrictifs.
        </p>
      ) : (
        <>
          <Table
            caption={`Dossiers transmis par les régions finalisées (${view.list.total}), par note régionale décroissante`}
            head={
              <tr>
                <th scope="col">Référence</th>
                <th scope="col">Pôle</th>
                <th scope="col">Région</th>
                <th scope="col">Territoire</th>
                <th scope="col">Avis</th>
                <th scope="col">Rang régional</th>
                <th scope="col">Note régionale</th>
                <th scope="col">z</th>
                <th scope="col">Centile</th>
                <th scope="col">Note nationale</th>
                <th scope="col">Demandé</th>
                <th scope="col">Proposé</th>
              </tr>
            }
          >
            {view.list.items.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link href={`/cna/dossiers/${a.id}`}>{a.reference ?? "—"}</Link>
                </th>
                <td>{a.pole.name}</td>
                <td>{a.region.name}</td>
                <td>{TERRITORY_SHORT_LABELS[a.territoryType]}</td>
                <td>
                  {a.regionalOpinion && (
                    <Badge severity={OPINION_SEVERITY[a.regionalOpinion.opinion]} small noIcon>
                      {OPINION_LABELS[a.regionalOpinion.opinion]}
                    </Badge>
                  )}
                </td>
                <td>{a.regionalOpinion?.rank ?? "—"}</td>
                <td>
                  {a.regionalOpinion ? formatScore(a.regionalOpinion.consolidatedScore) : "—"}
                </td>
                <td>{formatStatistic(a.context.zScore)}</td>
                <td>{formatStatistic(a.context.percentile, 0)}</td>
                <td>{a.nationalReview ? formatScore(a.nationalReview.score) : "à analyser"}</td>
                <td>
                  {a.amountRequestedCents === null ? "—" : formatEuros(a.amountRequestedCents)}
                </td>
                <td>
                  {formatEuros(
                    a.nationalReview?.amountCents ?? a.regionalOpinion?.proposedAmountCents ?? 0,
                  )}
                </td>
              </tr>
            ))}
          </Table>
          <Pager
            page={view.list.page}
            pageCount={view.list.pageCount}
            basePath="/cna"
            params={keep}
          />
        </>
      )}
    </div>
  );
}
