import { Alert } from "@codegouvfr/react-dsfr/Alert";
import Link from "next/link";
import type { ReactNode } from "react";
import { StatusBadge } from "@/components/applications/status-badge";
import { CallPicker } from "@/components/calls/call-picker";
import { CnaNav } from "@/components/national/cna-nav";
import {
  FinalizeButton,
  PromoteButton,
  PublishButton,
  RecordWithdrawalButton,
  ReopenButton,
} from "@/components/national/decision-actions";
import { DecisionEditor } from "@/components/national/decision-editor";
import { EvidenceLinks } from "@/components/national/evidence-links";
import { WideTable as Table } from "@/components/national/wide-table";
import { DecisionDeliveries } from "@/components/notifications/decision-deliveries";
import { requireSpace } from "@/lib/auth/session";
import { listPublicCalls, pickCall } from "@/lib/calls/data";
import { formatDateTime, formatEuros, formatShare } from "@/lib/format";
import { getDecisionList, type NationalDossier } from "@/lib/national/data";
import { decisionLinesOf, decisionProblems } from "@/lib/national/decision-rules";
import { formatScore, OUTCOME_LABELS } from "@/lib/national/labels";
import { prioritiesMet } from "@/lib/national/selection";
import { decisionDeliverySummary } from "@/lib/notifications/data";
import { TERRITORY_SHORT_LABELS } from "@/lib/poles/labels";

export const metadata = { title: "Décisions" };

type Props = { searchParams: Promise<{ appel?: string }> };

export default async function DecisionsPage({ searchParams }: Props) {
  const actor = await requireSpace("space.cna", "/cna/decisions");
  const params = await searchParams;
  const calls = await listPublicCalls();
  const call = pickCall(calls, params.appel);
  if (!call) {
    return (
      <div className="fr-container fr-py-6w">
        <h1>Décisions</h1>
        <p className="fr-p-3w fr-background-alt--grey">Aucun appel n&apos;est encore publié.</p>
      </div>
    );
  }
  const {
    call: c,
    rules,
    rows,
    withdrawn,
    promotion,
    departures,
  } = await getDecisionList(actor, call.id);
  const decided = rows.filter((r) => r.decision);
  const published = c.resultsPublishedAt !== null;
  const deliveries = published ? await decisionDeliverySummary(actor, c.id) : null;
  const finalized = c.decisionsFinalizedAt !== null;
  const lines = decisionLinesOf(decided);
  const problems =
    decided.length && !finalized
      ? decisionProblems(
          lines,
          rules,
          rows.filter((r) => !r.decision).map((r) => r.reference),
        )
      : [];
  const laureates = decided.filter((r) => r.decision!.outcome === "LAUREATE");
  const total = laureates.reduce((s, r) => s + (r.decision!.amountCents ?? 0), 0);
  const shares = prioritiesMet(
    laureates.map((r) => ({
      amountCents: r.decision!.amountCents ?? 0,
      territoryType: r.territoryType,
    })),
    rules.priorities,
  );
  const groups: { title: string; items: NationalDossier[] }[] = [
    { title: "Lauréats", items: laureates },
    {
      title: "Liste complémentaire",
      items: decided
        .filter((r) => r.decision!.outcome === "RESERVE")
        .sort((a, b) => (a.decision!.reserveRank ?? 0) - (b.decision!.reserveRank ?? 0)),
    },
    { title: "Non retenus", items: decided.filter((r) => r.decision!.outcome === "NOT_RETAINED") },
  ];
  return (
    <div className="fr-container fr-py-6w">
      <h1>Décisions</h1>
      <CnaNav current="decisions" slug={call.slug} />
      <CallPicker calls={calls} current={call.slug} action="/cna/decisions" />
      {decided.length === 0 ? (
        <p className="fr-p-3w fr-background-alt--grey">
          Aucune décision en projet. Acceptez d&apos;abord la liste proposée dans{" "}
          <Link href={`/cna/selection?appel=${call.slug}`}>la sélection sous l&apos;enveloppe</Link>
          .
        </p>
      ) : (
        <>
          <p>
            {published
              ? `Résultats publiés le ${formatDateTime(c.resultsPublishedAt!)}.`
              : finalized
                ? `Liste finalisée le ${formatDateTime(c.decisionsFinalizedAt!)} : seuls les motifs restent modifiables avant la publication.`
                : "Projet de décisions : modifiez les lignes, puis finalisez la liste."}
          </p>
          <ul aria-label="Totaux des décisions">
            <li>
              {laureates.length} lauréat{laureates.length > 1 ? "s" : ""} · montant attribué{" "}
              {formatEuros(total)} sur {formatEuros(rules.envelopeCents)} · reste{" "}
              {formatEuros(rules.envelopeCents - total)}
            </li>
            {shares.map((s) => (
              <li key={s.label}>
                Part « {s.label} » : {s.shareBps === null ? "—" : formatShare(s.shareBps)} (minimum{" "}
                {formatShare(s.minShareBps)})
              </li>
            ))}
          </ul>
          {problems.length > 0 && (
            <ListAlert
              severity="warning"
              title="La liste ne peut pas encore être finalisée"
              items={problems}
            />
          )}
          {departures.length > 0 && (
            <ListAlert
              severity="info"
              title="La liste s'écarte de la règle de sélection de l'appel"
              items={departures}
            >
              <p>
                Elle ne peut être finalisée qu&apos;avec une justification écrite, qui figurera au
                procès-verbal.
              </p>
            </ListAlert>
          )}
          {finalized && c.decisionsJustification && (
            <p className="fr-p-2w fr-background-alt--grey">
              <strong>Écart à la règle de sélection justifié :</strong> {c.decisionsJustification}
            </p>
          )}
          <EvidenceLinks callId={c.id} finalizedAt={c.decisionsFinalizedAt} />
          {!published && (
            <div className="flex flex-wrap gap-4">
              {!finalized && <FinalizeButton callId={c.id} departures={departures} />}
              {finalized && <PublishButton callId={c.id} count={decided.length} />}
              {finalized && <ReopenButton callId={c.id} />}
            </div>
          )}
          {deliveries && <DecisionDeliveries callId={c.id} summary={deliveries} />}
          {published && (
            <section aria-labelledby="desistements" className="fr-mb-4w">
              <h2 id="desistements">Désistements et liste complémentaire</h2>
              {withdrawn.length > 0 && (
                <p>
                  Lauréats désistés :{" "}
                  {withdrawn
                    .map(
                      (w) =>
                        `${w.application.reference} (${w.application.pole.name}, ${formatEuros(w.amountCents ?? 0)})`,
                    )
                    .join(", ")}
                  .
                </p>
              )}
              {promotion ? (
                <div className="fr-p-2w fr-background-alt--blue-france fr-mb-2w">
                  <p>
                    Promotion proposée : <strong>{promotion.reference}</strong> (
                    {promotion.poleName}), rang {promotion.reserveRank} de la liste complémentaire,{" "}
                    {formatEuros(promotion.amountCents)} — enveloppe restante{" "}
                    {formatEuros(promotion.remainingCents)}.
                  </p>
                  <PromoteButton
                    callId={c.id}
                    applicationId={promotion.applicationId}
                    reference={promotion.reference}
                  />
                </div>
              ) : (
                <p>
                  Aucune promotion à proposer : aucun dossier de la liste complémentaire ne tient
                  dans l&apos;enveloppe restante en respectant les priorités.
                </p>
              )}
            </section>
          )}
          {groups.map((g) =>
            g.items.length === 0 ? null : (
              <Table
                key={g.title}
                caption={`${g.title} (${g.items.length})`}
                head={
                  <tr>
                    <th scope="col">Référence</th>
                    <th scope="col">Pôle</th>
                    <th scope="col">Territoire</th>
                    <th scope="col">Note nationale</th>
                    <th scope="col">Décision</th>
                    <th scope="col">Montant</th>
                    <th scope="col">Rang</th>
                    <th scope="col">Statut</th>
                    <th scope="col">Motifs</th>
                  </tr>
                }
              >
                {g.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link href={`/cna/dossiers/${r.id}`}>{r.reference}</Link>
                    </th>
                    <td>{r.pole.name}</td>
                    <td>{TERRITORY_SHORT_LABELS[r.territoryType]}</td>
                    <td>{formatScore(r.score)}</td>
                    <td>{OUTCOME_LABELS[r.decision!.outcome]}</td>
                    <td>
                      {r.decision!.amountCents === null
                        ? "—"
                        : formatEuros(r.decision!.amountCents)}
                    </td>
                    <td>{r.decision!.reserveRank ?? "—"}</td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                    <td>
                      {published ? (
                        r.status === "LAUREATE" ? (
                          <RecordWithdrawalButton applicationId={r.id} reference={r.reference} />
                        ) : (
                          "—"
                        )
                      ) : (
                        <DecisionEditor
                          applicationId={r.id}
                          reference={r.reference}
                          outcome={r.decision!.outcome}
                          amountCents={r.decision!.amountCents}
                          reserveRank={r.decision!.reserveRank}
                          reasons={r.decision!.reasons}
                          reasonsOnly={finalized}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </Table>
            ),
          )}
        </>
      )}
    </div>
  );
}

/** What stands in the way of finalising the list (problems) or must be justified (departures), one per line. */
function ListAlert({
  severity,
  title,
  items,
  children,
}: {
  severity: "warning" | "info";
  title: string;
  items: string[];
  children?: ReactNode;
}) {
  return (
    <Alert
      severity={severity}
      as="h2"
      small={false}
      title={title}
      description={
        <>
          <ul>
            {items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          {children}
        </>
      }
      className="fr-mb-3w"
    />
  );
}
