import Link from "next/link";
import { CallPicker } from "@/components/calls/call-picker";
import { BulkAssignButton, FinalizeButton } from "@/components/regional/region-actions";
import { encodeRegionRows } from "@/components/regional/region-rows";
import { RegionRowsBody } from "@/components/regional/region-rows-body";
import { Deadline } from "@/components/ui/deadline";
import { FilterForm, SearchField } from "@/components/ui/filter-bar";
import { FilterSelect } from "@/components/ui/filter-select";
import { Pager } from "@/components/ui/pager";
import { Table } from "@/components/ui/table";
import { STATUS_LABELS, SUBMITTED_STATUSES } from "@/lib/applications/status";
import { can, craRegions } from "@/lib/auth/policy";
import { requireSpace } from "@/lib/auth/session";
import { listPublicCalls, pickCall } from "@/lib/calls/data";
import { formatDateTime } from "@/lib/format";
import { ApplicationStatus, TerritoryType } from "@/lib/generated/prisma/enums";
import { parsePage } from "@/lib/pagination";
import { TERRITORY_LABELS } from "@/lib/poles/labels";
import { type RegionSort, regionTable, SORTS } from "@/lib/regional/data";
import { regionsByCode } from "@/lib/regions/data";
import { callDeadlines } from "@/lib/reminders/data";

export const metadata = { title: "Cellule régionale" };

type Params = {
  appel?: string;
  region?: string;
  page?: string;
  taille?: string;
  q?: string;
  statut?: string;
  territoire?: string;
  mes?: string;
  divergence?: string;
  tri?: string;
};
type Props = { searchParams: Promise<Params> };

const SORT_LABELS: Record<RegionSort, string> = {
  reference: "Référence",
  score: "Note moyenne",
  progress: "Avancement des évaluations",
  rank: "Rang régional",
  status: "Statut",
};
const PAGE_SIZES = [50, 100, 200, 500];

const pick = <T extends string>(values: readonly T[], v: string | undefined): T | undefined =>
  (values as readonly string[]).includes(v ?? "") ? (v as T) : undefined;

export default async function RegionalCellPage({ searchParams }: Props) {
  const actor = await requireSpace("space.cra", "/cra");
  const params = await searchParams;
  const [calls, regions] = await Promise.all([listPublicCalls(), regionsByCode(craRegions(actor))]);
  const call = pickCall(calls, params.appel);
  const region = regions.find((r) => r.code === params.region) ?? regions[0]!;
  const query = {
    q: params.q?.trim().slice(0, 100) || undefined,
    status: pick(Object.values(ApplicationStatus), params.statut),
    territory: pick(Object.values(TerritoryType), params.territoire),
    mine: params.mes === "1",
    flagged: params.divergence === "1",
    sort: pick(SORTS, params.tri) ?? "reference",
    page: parsePage(params),
  };
  const [table, deadlines] = call
    ? await Promise.all([regionTable(actor, call.id, region.code, query), callDeadlines(call.id)])
    : [null, null];
  const coordinator = can(actor, "region.finalize", { kind: "region", regionCode: region.code });
  const keep: Record<string, string> = Object.fromEntries(
    Object.entries({
      appel: call?.slug,
      region: region.code,
      q: query.q,
      statut: query.status,
      territoire: query.territory,
      mes: query.mine ? "1" : undefined,
      divergence: query.flagged ? "1" : undefined,
      tri: query.sort,
      taille: String(query.page.size),
    }).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const showScores = table?.all.some((r) => r.scores) ?? false;
  return (
    <div className="fr-container fr-py-6w">
      <h1>Cellule régionale d&apos;animation</h1>
      <p>
        {regions.length > 1 ? "Vos régions" : "Votre région"} :{" "}
        <strong>{regions.map((r) => r.name).join(", ")}</strong>
      </p>
      <p>
        <Link className="fr-link" href="/cra/statistiques">
          Statistiques et exports de la région
        </Link>
      </p>
      {regions.length > 1 && (
        <nav aria-label="Régions" className="fr-mb-3w">
          <ul className="fr-tags-group">
            {regions.map((r) => (
              <li key={r.code}>
                <Link
                  className="fr-tag"
                  href={`/cra?${new URLSearchParams({ ...(call ? { appel: call.slug } : {}), region: r.code })}`}
                  aria-current={r.code === region.code ? "page" : undefined}
                >
                  {r.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {!call || !table ? (
        <p className="fr-p-3w fr-background-alt--grey">Aucun appel n&apos;est encore publié.</p>
      ) : (
        <>
          <CallPicker calls={calls} current={call.slug} action="/cra" />
          <h2>
            {region.name} · {call.title}
          </h2>
          {deadlines?.regionalDeadlineAt && !table.finalized && (
            <Deadline
              label="Date limite des résultats régionaux"
              at={deadlines.regionalDeadlineAt}
              now={new Date()}
            />
          )}
          <Progress
            rows={table.all}
            waiting={table.waitingForMe}
            mineHref={`/cra?${new URLSearchParams({ appel: call.slug, region: region.code, mes: "1" })}`}
          />
          {table.finalized ? (
            <p className="fr-badge fr-badge--success fr-mb-3w">
              Résultats finalisés le{" "}
              {table.review?.finalizedAt ? formatDateTime(table.review.finalizedAt) : ""}, transmis
              à la cellule nationale
            </p>
          ) : (
            coordinator && (
              <section
                aria-labelledby="coordination"
                className="fr-p-3w fr-mb-4w fr-background-alt--grey"
              >
                <h3 id="coordination">Coordination</h3>
                <div className="flex flex-wrap gap-4 items-start">
                  <BulkAssignButton callId={call.id} regionCode={region.code} />
                  <Link
                    className="fr-btn fr-btn--secondary fr-icon-list-ordered fr-btn--icon-left"
                    href={`/cra/classement?${new URLSearchParams({ appel: call.slug, region: region.code })}`}
                  >
                    Classement régional
                  </Link>
                </div>
                {table.blockers.length ? (
                  <div className="fr-mt-3w">
                    <p className="fr-mb-1w">
                      Avant de finaliser la région ({table.blockers.length} dossier(s) à terminer) :
                    </p>
                    <ul>
                      {table.blockers.slice(0, 8).map((b) => (
                        <li key={b}>{b}</li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  <div className="fr-mt-3w">
                    <FinalizeButton
                      callId={call.id}
                      regionCode={region.code}
                      regionName={region.name}
                      count={table.all.filter((r) => r.opinion).length}
                    />
                  </div>
                )}
              </section>
            )
          )}
          <Filters params={keep} query={query} />
          <p>
            <a
              className="fr-link fr-icon-download-line fr-link--icon-left"
              href={`/api/cra/export?${new URLSearchParams({ appel: call.slug, region: region.code })}`}
              download
            >
              Exporter le tableau de la région (CSV)
            </a>
          </p>
          {table.list.total === 0 ? (
            <p className="fr-p-3w fr-background-alt--grey">
              {table.all.length === 0
                ? "Aucun dossier à instruire pour le moment dans cette région."
                : "Aucun dossier ne correspond à ces critères."}
            </p>
          ) : (
            <>
              <Table
                caption={`Dossiers de la région ${region.name} (${table.list.total})`}
                head={
                  <tr>
                    <th scope="col">Référence</th>
                    <th scope="col">Pôle</th>
                    <th scope="col">Statut</th>
                    <th scope="col">Évaluations</th>
                    {showScores &&
                      table.call.criteria.map((c) => (
                        <th key={c.id} scope="col" title={c.label}>
                          {c.code} (/{c.maxScore})
                        </th>
                      ))}
                    {showScores && <th scope="col">Note /100</th>}
                    {showScores && <th scope="col">Avis · rang</th>}
                    <th scope="col">À faire</th>
                  </tr>
                }
                body={
                  <RegionRowsBody
                    rows={encodeRegionRows(
                      table.list.items,
                      table.call.criteria.map((c) => c.id),
                      showScores,
                    )}
                    criteria={table.call.criteria.length}
                    showScores={showScores}
                  />
                }
              />
              <Pager
                page={table.list.page}
                pageCount={table.list.pageCount}
                basePath="/cra"
                params={keep}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}

function Progress({
  rows,
  waiting,
  mineHref,
}: {
  rows: { status: ApplicationStatus; assigned: number; submitted: number }[];
  waiting: number;
  mineHref: string;
}) {
  const submitted = rows.filter((r) => SUBMITTED_STATUSES.includes(r.status)).length;
  const byStatus = SUBMITTED_STATUSES.map(
    (s) => [s, rows.filter((r) => r.status === s).length] as const,
  ).filter(([, n]) => n > 0);
  const assigned = rows.reduce((n, r) => n + r.assigned, 0);
  const evaluated = rows.reduce((n, r) => n + r.submitted, 0);
  return (
    <p>
      {submitted} dossier(s) déposé(s)
      {byStatus.map(([s, n]) => ` · ${STATUS_LABELS[s]} : ${n}`).join("")} · évaluations rendues{" "}
      {evaluated}/{assigned} ·{" "}
      <Link href={mineHref}>
        <strong>{waiting}</strong> en attente de votre action
      </Link>
    </p>
  );
}

function Filters({
  params,
  query,
}: {
  params: Record<string, string>;
  query: {
    q?: string;
    status?: string;
    territory?: string;
    mine: boolean;
    flagged: boolean;
    sort: string;
    page: { size: number };
  };
}) {
  return (
    <FilterForm
      action="/cra"
      className="fr-mb-3w flex flex-wrap items-end gap-4"
      label="Filtrer les dossiers"
    >
      <input type="hidden" name="appel" value={params.appel} />
      <input type="hidden" name="region" value={params.region} />
      <SearchField
        id="q"
        label="Rechercher (référence, pôle)"
        type="search"
        value={query.q}
        maxLength={100}
      />
      <FilterSelect
        id="statut"
        name="statut"
        label="Statut"
        value={query.status}
        all="Tous"
        options={SUBMITTED_STATUSES.map((st) => [st, STATUS_LABELS[st]] as const)}
      />
      <FilterSelect
        id="territoire"
        name="territoire"
        label="Territoire"
        value={query.territory}
        all="Tous"
        options={Object.entries(TERRITORY_LABELS)}
      />
      <FilterSelect
        id="tri"
        name="tri"
        label="Trier par"
        value={query.sort}
        options={SORTS.map((st) => [st, SORT_LABELS[st]] as const)}
      />
      <FilterSelect
        id="taille"
        name="taille"
        label="Par page"
        value={String(query.page.size)}
        options={PAGE_SIZES.map((n) => [String(n), String(n)] as const)}
      />
      <div className="fr-checkbox-group">
        <input type="checkbox" id="mes" name="mes" value="1" defaultChecked={query.mine} />
        <label className="fr-label" htmlFor="mes">
          Ce qui m&apos;attend
        </label>
      </div>
      <div className="fr-checkbox-group">
        <input
          type="checkbox"
          id="divergence"
          name="divergence"
          value="1"
          defaultChecked={query.flagged}
        />
        <label className="fr-label" htmlFor="divergence">
          Divergences à discuter
        </label>
      </div>
      <button type="submit" className="fr-btn">
        Filtrer
      </button>
    </FilterForm>
  );
}
