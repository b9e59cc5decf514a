import Link from "next/link";
import { CallPicker } from "@/components/calls/call-picker";
import { CnaNav } from "@/components/national/cna-nav";
import { AcceptSelectionButton } from "@/components/national/decision-actions";
import { WideTable as Table } from "@/components/national/wide-table";
import { requireSpace } from "@/lib/auth/session";
import { listPublicCalls, pickCall } from "@/lib/calls/data";
import { formatEuros, formatShare } from "@/lib/format";
import { getSelection, type NationalDossier } from "@/lib/national/data";
import { formatScore, METHOD_LABELS, reasonText } from "@/lib/national/labels";
import { parseWhatIf } from "@/lib/national/schema";
import type { SelectionResult, SelectionRules } from "@/lib/national/selection";
import { TERRITORY_SHORT_LABELS } from "@/lib/poles/labels";

export const metadata = { title: "Sélection sous l'enveloppe" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : v);

function Summary({ r, title }: { r: SelectionResult; title: string }) {
  return (
    <ul aria-label={title}>
      <li>
        <strong>{r.laureates.length}</strong> lauréat{r.laureates.length > 1 ? "s" : ""} pour{" "}
        <strong>{formatEuros(r.totalAmountCents)}</strong> · enveloppe restante{" "}
        <strong>{formatEuros(r.remainingCents)}</strong> · total des notes{" "}
        {formatScore(r.totalScore)}
      </li>
      <li>
        Ligne de financement :{" "}
        {r.fundingLineScore === null
          ? "aucun lauréat"
          : `note nationale la plus basse financée ${formatScore(r.fundingLineScore)} / 100`}
      </li>
      {r.shares.map((s) => (
        <li key={s.label}>
          Part « {s.label} » : {s.shareBps === null ? "—" : formatShare(s.shareBps)} du montant
          attribué ({formatEuros(s.amountCents)}), minimum {formatShare(s.minShareBps)}{" "}
          {s.met ? "— respectée" : "— non respectée"}
        </li>
      ))}
    </ul>
  );
}

/** Rows shown below the line and among the not retained (the decision list has them all). */
const SHOWN = 30;

function More({ total, call }: { total: number; call: string }) {
  if (total <= SHOWN) return null;
  return (
    <p className="fr-text--sm">
      … et {total - SHOWN} autres : la liste complète figure dans{" "}
      <Link href={`/cna/decisions?appel=${call}`}>les décisions</Link> une fois la liste acceptée.
    </p>
  );
}

function Lists({
  r,
  dossiers,
  caption,
  call,
}: {
  r: SelectionResult;
  dossiers: Map<string, NationalDossier>;
  caption: string;
  call: string;
}) {
  const row = (id: string) => dossiers.get(id)!;
  return (
    <>
      <Table
        caption={`${caption} : lauréats (${r.laureates.length})`}
        head={
          <tr>
            <th scope="col">Rang national</th>
            <th scope="col">Référence</th>
            <th scope="col">Pôle</th>
            <th scope="col">Région</th>
            <th scope="col">Territoire</th>
            <th scope="col">Note nationale</th>
            <th scope="col">Montant</th>
          </tr>
        }
      >
        {r.laureates.map((l) => (
          <tr key={l.id}>
            <td>{l.position}</td>
            <th scope="row">
              <Link href={`/cna/dossiers/${l.id}`}>{row(l.id).reference}</Link>
            </th>
            <td>{row(l.id).pole.name}</td>
            <td>{row(l.id).region.name}</td>
            <td>{TERRITORY_SHORT_LABELS[l.territoryType]}</td>
            <td>{formatScore(l.score)}</td>
            <td>
              {formatEuros(l.amountCents)}
              {l.adjusted &&
                ` (ajusté à l'enveloppe restante ; proposé ${formatEuros(l.requestedCents)})`}
            </td>
          </tr>
        ))}
      </Table>
      <Table
        caption={`${caption} : liste complémentaire dans l'ordre (${r.reserve.length}), avec la raison`}
        head={
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Référence</th>
            <th scope="col">Pôle</th>
            <th scope="col">Territoire</th>
            <th scope="col">Note nationale</th>
            <th scope="col">Montant</th>
            <th scope="col">Pourquoi il n&apos;est pas financé</th>
          </tr>
        }
      >
        {r.reserve.slice(0, SHOWN).map((l, i) => (
          <tr key={l.id}>
            <td>{i + 1}</td>
            <th scope="row">
              <Link href={`/cna/dossiers/${l.id}`}>{row(l.id).reference}</Link>
            </th>
            <td>{row(l.id).pole.name}</td>
            <td>{TERRITORY_SHORT_LABELS[l.territoryType]}</td>
            <td>{formatScore(l.score)}</td>
            <td>{formatEuros(l.amountCents)}</td>
            <td>{reasonText(l.reason)}</td>
          </tr>
        ))}
      </Table>
      <More total={r.reserve.length} call={call} />
      {r.notRetained.length > 0 && (
        <Table
          caption={`${caption} : non retenus (${r.notRetained.length}), avec le motif`}
          head={
            <tr>
              <th scope="col">Référence</th>
              <th scope="col">Pôle</th>
              <th scope="col">Note nationale</th>
              <th scope="col">Montant</th>
              <th scope="col">Motif</th>
            </tr>
          }
        >
          {r.notRetained.slice(0, SHOWN).map((l) => (
            <tr key={l.id}>
              <th scope="row">
                <Link href={`/cna/dossiers/${l.id}`}>{row(l.id).reference}</Link>
              </th>
              <td>{row(l.id).pole.name}</td>
              <td>{formatScore(l.score)}</td>
              <td>{l.amountCents > 0 ? formatEuros(l.amountCents) : "—"}</td>
              <td>{reasonText(l.reason)}</td>
            </tr>
          ))}
        </Table>
      )}
      <More total={r.notRetained.length} call={call} />
    </>
  );
}

/** The rule of the call, as the jury applies it. */
function MethodText({
  method,
  rules,
}: {
  method: keyof typeof METHOD_LABELS;
  rules: SelectionRules;
}) {
  return (
    <div className="fr-text--sm">
      {method === "MERIT_ORDER" ? (
        <p>
          <strong>Règle de l&apos;appel : l&apos;ordre de mérite.</strong> Les dossiers éligibles
          (avis favorable ou favorable avec réserves
          {rules.qualityThreshold > 0
            ? `, note nationale d'au moins ${formatScore(rules.qualityThreshold)} / 100`
            : ""}
          , montant dans les bornes) sont classés par note nationale et financés en descendant le
          classement jusqu&apos;à épuisement de l&apos;enveloppe. Un dossier n&apos;est passé que
          s&apos;il ne tient plus dans l&apos;enveloppe restante ou si une part prioritaire
          deviendrait inatteignable ; la raison est donnée.
          {rules.adjustLastGrant &&
            " Le premier dossier qui ne tient plus peut recevoir l'enveloppe restante, si elle atteint la subvention minimale, sur confirmation de la cellule."}
        </p>
      ) : (
        <p>
          <strong>Règle de l&apos;appel : le total des notes maximal.</strong> La liste maximise le
          total des notes nationales des projets financés sous l&apos;enveloppe et les priorités.
        </p>
      )}
      <p>
        À égalité de note : le plus petit montant, puis la référence. Liste complémentaire : les{" "}
        {rules.reserveListLength} premiers dossiers éligibles non financés, dans l&apos;ordre du
        classement ; les autres sont non retenus.
      </p>
    </div>
  );
}

function adjustedOf(r: SelectionResult, dossiers: Map<string, NationalDossier>) {
  const l = r.laureates.find((x) => x.adjusted);
  return l
    ? {
        reference: dossiers.get(l.id)!.reference,
        requestedCents: l.requestedCents,
        amountCents: l.amountCents,
      }
    : null;
}

type SelectionData = Awaited<ReturnType<typeof getSelection>>;

/** The two methods side by side on the same inputs, and why their lists differ. */
function Comparison({
  comparison,
  dossiers,
  official,
}: {
  comparison: SelectionData["comparison"];
  dossiers: Map<string, NationalDossier>;
  official: keyof typeof METHOD_LABELS;
}) {
  const { merit, maxScore, differences } = comparison;
  const other = official === "MERIT_ORDER" ? "MAX_SCORE" : "MERIT_ORDER";
  return (
    <section aria-labelledby="comparaison" className="fr-mt-6w">
      <h2 id="comparaison">Comparaison des deux méthodes</h2>
      <p>
        Sur les mêmes dossiers et les mêmes règles : la règle de l&apos;appel (
        {METHOD_LABELS[official].toLowerCase()}) et, à titre indicatif,{" "}
        {METHOD_LABELS[other].toLowerCase()}. Seule la première est proposée à la décision.
      </p>
      <Table
        caption="Les deux méthodes côte à côte"
        head={
          <tr>
            <th scope="col">Méthode</th>
            <th scope="col">Lauréats</th>
            <th scope="col">Montant attribué</th>
            <th scope="col">Total des notes</th>
            <th scope="col">Ligne de financement</th>
          </tr>
        }
      >
        {[merit, maxScore].map((r) => (
          <tr key={r.method}>
            <th scope="row">
              {METHOD_LABELS[r.method]}
              {r.method === official ? " (règle de l'appel)" : " (indicatif)"}
            </th>
            <td>{r.laureates.length}</td>
            <td>{formatEuros(r.totalAmountCents)}</td>
            <td>{formatScore(r.totalScore)}</td>
            <td>{r.fundingLineScore === null ? "—" : formatScore(r.fundingLineScore)}</td>
          </tr>
        ))}
      </Table>
      {differences.amountChanges.length > 0 && (
        <ul aria-label="Montants différents selon la méthode">
          {differences.amountChanges.map((c) => (
            <li key={c.id}>
              {dossiers.get(c.id)!.reference} : {c.explanation}
            </li>
          ))}
        </ul>
      )}
      {differences.items.length === 0 ? (
        <p>Les deux méthodes financent les mêmes dossiers.</p>
      ) : (
        <Table
          caption={`Dossiers financés par une seule des deux méthodes (${differences.items.length})`}
          head={
            <tr>
              <th scope="col">Rang national</th>
              <th scope="col">Référence</th>
              <th scope="col">Pôle</th>
              <th scope="col">Note nationale</th>
              <th scope="col">Montant</th>
              <th scope="col">Financé par</th>
              <th scope="col">Explication</th>
            </tr>
          }
        >
          {differences.items.map((d) => (
            <tr key={d.id}>
              <td>{d.position}</td>
              <th scope="row">
                <Link href={`/cna/dossiers/${d.id}`}>{dossiers.get(d.id)!.reference}</Link>
              </th>
              <td>{dossiers.get(d.id)!.pole.name}</td>
              <td>{formatScore(d.score)}</td>
              <td>{formatEuros(d.amountCents)}</td>
              <td>{METHOD_LABELS[d.fundedBy]}</td>
              <td>{d.explanation}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

export default async function SelectionPage({ searchParams }: Props) {
  const actor = await requireSpace("space.cna", "/cna/selection");
  const params = await searchParams;
  const calls = await listPublicCalls();
  const call = pickCall(calls, one(params.appel));
  if (!call) {
    return (
      <div className="fr-container fr-py-6w">
        <h1>Sélection sous l&apos;enveloppe</h1>
        <p className="fr-p-3w fr-background-alt--grey">Aucun appel n&apos;est encore publié.</p>
      </div>
    );
  }
  const priorityCount = 10;
  const montantDossier = one(params.montantDossier);
  const montantEuros = one(params.montantEuros)
    ?.replace(/[\s\u202f\u00a0]/g, "")
    .replace(",", ".");
  const whatIf = parseWhatIf({
    exclure: one(params.exclure),
    montant: [
      one(params.montant),
      montantDossier && montantEuros ? `${montantDossier}:${montantEuros}` : "",
    ]
      .filter(Boolean)
      .join(","),
    part: Array.from({ length: priorityCount }, (_, i) => {
      const v = one(params[`part${i}`])?.trim().replace(",", ".");
      return v ? `${i}:${v}` : "";
    })
      .filter(Boolean)
      .join(","),
  });
  const s = await getSelection(actor, call.id, whatIf);
  // What a what-if usually touches: the laureates and the first dossiers below the line.
  const eligible = [...s.official.laureates, ...s.official.reserve.slice(0, SHOWN)];
  return (
    <div className="fr-container fr-py-6w">
      <h1>Sélection sous l&apos;enveloppe</h1>
      <CnaNav current="selection" slug={call.slug} />
      <CallPicker calls={calls} current={call.slug} action="/cna/selection" />
      <p>
        Enveloppe {formatEuros(s.rules.envelopeCents)} · subvention de{" "}
        {formatEuros(s.rules.minGrantCents)} à {formatEuros(s.rules.maxGrantCents)} · {s.total}{" "}
        dossier{s.total > 1 ? "s" : ""} des régions finalisées, dont {s.reviewed} analysé
        {s.reviewed > 1 ? "s" : ""} au niveau national (les autres sont pris avec leurs valeurs
        régionales).
      </p>
      <MethodText method={s.call.selectionMethod} rules={s.rules} />
      {s.total === 0 ? (
        <p className="fr-p-3w fr-background-alt--grey">
          Aucune région n&apos;a encore finalisé son instruction pour cet appel.
        </p>
      ) : (
        <>
          <h2>Liste proposée</h2>
          <Summary r={s.official} title="Résumé de la liste proposée" />
          {call.phase === "NATIONAL_REVIEW" && !s.call.decisionsFinalizedAt ? (
            <AcceptSelectionButton
              callId={call.id}
              replaces={s.decisionCount}
              adjusted={adjustedOf(s.official, s.dossiers)}
            />
          ) : (
            <p className="fr-p-2w fr-background-alt--grey">
              {s.call.decisionsFinalizedAt
                ? "La liste des décisions est finalisée."
                : "La liste ne peut être acceptée que pendant l'analyse nationale."}
            </p>
          )}
          <Lists r={s.official} dossiers={s.dossiers} caption="Liste proposée" call={call.slug} />

          <Comparison
            comparison={s.comparison}
            dossiers={s.dossiers}
            official={s.call.selectionMethod}
          />

          <h2 className="fr-mt-6w" id="simulation">
            Simulation
          </h2>
          <p>
            Essayez d&apos;autres hypothèses : rien n&apos;est enregistré, la liste officielle ne
            change pas.
          </p>
          <form method="get" action="/cna/selection#simulation" aria-labelledby="simulation">
            <input type="hidden" name="appel" value={call.slug} />
            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend">Écarter des dossiers</legend>
              <div className="grid gap-x-6 md:grid-cols-2">
                {eligible.map((l) => (
                  <div className="fr-checkbox-group fr-checkbox-group--sm" key={l.id}>
                    <input
                      type="checkbox"
                      id={`exclure-${l.id}`}
                      name="exclure"
                      value={l.id}
                      defaultChecked={whatIf.excludedIds.includes(l.id)}
                    />
                    <label className="fr-label" htmlFor={`exclure-${l.id}`}>
                      {s.dossiers.get(l.id)!.reference} — {s.dossiers.get(l.id)!.pole.name} (
                      {formatScore(l.score)}, {formatEuros(l.amountCents)})
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend">Changer un montant</legend>
              <div className="flex flex-wrap items-end gap-4">
                <div className="fr-select-group fr-mb-0">
                  <label className="fr-label" htmlFor="montant-dossier">
                    Dossier
                  </label>
                  <select
                    className="fr-select"
                    id="montant-dossier"
                    name="montantDossier"
                    defaultValue={montantDossier ?? ""}
                  >
                    <option value="">—</option>
                    {eligible.map((l) => (
                      <option key={l.id} value={l.id}>
                        {s.dossiers.get(l.id)!.reference}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="fr-input-group fr-mb-0">
                  <label className="fr-label" htmlFor="montant-euros">
                    Nouveau montant (€)
                  </label>
                  <input
                    className="fr-input"
                    id="montant-euros"
                    name="montantEuros"
                    inputMode="decimal"
                    defaultValue={one(params.montantEuros) ?? ""}
                  />
                </div>
              </div>
            </fieldset>
            {s.rules.priorities.length > 0 && (
              <fieldset className="fr-fieldset">
                <legend className="fr-fieldset__legend">Changer une part prioritaire</legend>
                {s.rules.priorities.map((p, i) => (
                  <div className="fr-input-group" key={p.label}>
                    <label className="fr-label" htmlFor={`part-${i}`}>
                      Part minimale « {p.label} » (%)
                      <span className="fr-hint-text">
                        Actuellement {formatShare(p.minShareBps)}
                      </span>
                    </label>
                    <input
                      className="fr-input"
                      id={`part-${i}`}
                      name={`part${i}`}
                      inputMode="decimal"
                      defaultValue={one(params[`part${i}`]) ?? ""}
                    />
                  </div>
                ))}
              </fieldset>
            )}
            <div className="flex flex-wrap gap-4">
              <button type="submit" className="fr-btn">
                Simuler
              </button>
              <Link className="fr-btn fr-btn--secondary" href={`/cna/selection?appel=${call.slug}`}>
                Effacer la simulation
              </Link>
            </div>
          </form>
          {s.simulation && (
            <section aria-labelledby="resultat-simulation" className="fr-mt-4w">
              <h3 id="resultat-simulation">Résultat de la simulation (non enregistré)</h3>
              <Summary r={s.simulation} title="Résumé de la simulation" />
              <p>
                Par rapport à la liste proposée : {(() => {
                  const before = new Set(s.official.laureates.map((l) => l.id));
                  const after = new Set(s.simulation.laureates.map((l) => l.id));
                  const entered = [...after]
                    .filter((id) => !before.has(id))
                    .map((id) => s.dossiers.get(id)!.reference);
                  const left = [...before]
                    .filter((id) => !after.has(id))
                    .map((id) => s.dossiers.get(id)!.reference);
                  return entered.length || left.length
                    ? `${entered.length ? `entrent ${entered.join(", ")}` : ""}${entered.length && left.length ? " ; " : ""}${left.length ? `sortent ${left.join(", ")}` : ""}.`
                    : "mêmes lauréats.";
                })()}
              </p>
              <Lists r={s.simulation} dossiers={s.dossiers} caption="Simulation" call={call.slug} />
            </section>
          )}
        </>
      )}
    </div>
  );
}
