import { Alert } from "@codegouvfr/react-dsfr/Alert";
import Link from "next/link";
import { CallPicker } from "@/components/calls/call-picker";
import { PrepareConventionsButton } from "@/components/conventions/convention-actions";
import { ConventionStatusBadge } from "@/components/conventions/status-badge";
import { Pager } from "@/components/ui/pager";
import { Table } from "@/components/ui/table";
import { requireSpace } from "@/lib/auth/session";
import { listPublicCalls, pickCall } from "@/lib/calls/data";
import {
  callPaymentTotals,
  countLaureatesWithoutConvention,
  listConventions,
} from "@/lib/conventions/data";
import { CONVENTION_STATUS_LABELS, reservePromotionHref } from "@/lib/conventions/rules";
import { conventionFilterSchema } from "@/lib/conventions/schema";
import { formatDate, formatEuros } from "@/lib/format";
import { parsePage } from "@/lib/pagination";
import { listRegions } from "@/lib/regions/data";

export const metadata = { title: "Conventions et versements" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function ConventionsPage({ searchParams }: Props) {
  const actor = await requireSpace("space.cna", "/cna/conventions");
  const params = await searchParams;
  const [calls, regions] = await Promise.all([listPublicCalls(), listRegions()]);
  const call = pickCall(calls, params.appel);
  const filter = conventionFilterSchema.parse({ ...params, appel: call?.slug });
  const page = parsePage(params, 25);
  const now = new Date();
  const [list, totals, missing] = call
    ? await Promise.all([
        listConventions(actor, filter, page, now),
        callPaymentTotals(actor, call.id),
        countLaureatesWithoutConvention(actor, call.id),
      ])
    : [null, null, 0];
  const kept = Object.fromEntries(
    Object.entries({
      appel: filter.appel,
      statut: filter.statut,
      region: filter.region,
      q: filter.q,
    }).filter(([, v]) => v),
  ) as Record<string, string>;
  return (
    <div className="fr-container fr-py-6w">
      <h1>Conventions et versements</h1>
      {!call || !list || !totals ? (
        <p className="fr-p-3w fr-background-alt--grey">Aucun appel n&apos;est encore publié.</p>
      ) : (
        <>
          <CallPicker calls={calls} current={call.slug} action="/cna/conventions" />
          <p>
            Enveloppe {formatEuros(totals.envelopeCents)} · engagé (conventions non annulées){" "}
            {formatEuros(totals.committedCents)} · versé{" "}
            <strong>{formatEuros(totals.paidCents)}</strong> · reste à verser sur l&apos;engagé{" "}
            {formatEuros(Math.max(0, totals.committedCents - totals.paidCents))}
          </p>
          <PrepareConventionsButton callId={call.id} count={missing} />
          <form
            method="get"
            action="/cna/conventions"
            className="fr-mb-3w flex flex-wrap items-end gap-4"
          >
            <input type="hidden" name="appel" value={call.slug} />
            <div className="fr-select-group fr-mb-0">
              <label className="fr-label" htmlFor="statut">
                État
              </label>
              <select
                className="fr-select"
                id="statut"
                name="statut"
                defaultValue={filter.statut ?? ""}
              >
                <option value="">Tous</option>
                {Object.entries(CONVENTION_STATUS_LABELS).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
                <option value="OVERDUE">Délai de signature dépassé</option>
                <option value="PROMOTION">Promotion de la liste complémentaire à engager</option>
              </select>
            </div>
            <div className="fr-select-group fr-mb-0">
              <label className="fr-label" htmlFor="region">
                Région
              </label>
              <select
                className="fr-select"
                id="region"
                name="region"
                defaultValue={filter.region ?? ""}
              >
                <option value="">Toutes</option>
                {regions.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="fr-input-group fr-mb-0">
              <label className="fr-label" htmlFor="q">
                Numéro, référence ou pôle
              </label>
              <input className="fr-input" id="q" name="q" defaultValue={filter.q ?? ""} />
            </div>
            <button type="submit" className="fr-btn fr-btn--secondary">
              Filtrer
            </button>
          </form>
          {list.items.length === 0 ? (
            <p className="fr-p-3w fr-background-alt--grey">Aucune convention ne correspond.</p>
          ) : (
            <Table
              caption={`Conventions (${list.total})`}
              head={
                <tr>
                  <th scope="col">Numéro</th>
                  <th scope="col">Pôle</th>
                  <th scope="col">État</th>
                  <th scope="col">Montant</th>
                  <th scope="col">Versé</th>
                  <th scope="col">Signature attendue avant le</th>
                </tr>
              }
            >
              {list.items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link href={`/cna/conventions/${c.id}`}>{c.number}</Link>
                  </th>
                  <td>
                    {c.application.pole.name} ({c.application.reference})
                  </td>
                  <td>
                    <ConventionStatusBadge status={c.status} />
                    {c.status === "SENT" && c.signatureDueAt && c.signatureDueAt < now && (
                      <p className="fr-text--sm fr-mb-0 fr-text-default--warning">Délai dépassé</p>
                    )}
                    {c.reservePromotionDue && (
                      <p className="fr-text--sm fr-mb-0">
                        <Link href={reservePromotionHref(c.application.call.slug)}>
                          Promotion de la liste complémentaire à engager
                        </Link>
                      </p>
                    )}
                  </td>
                  <td>{formatEuros(c.amountCents)}</td>
                  <td>{formatEuros(c.paidCents)}</td>
                  <td>{c.signatureDueAt ? formatDate(c.signatureDueAt) : "—"}</td>
                </tr>
              ))}
            </Table>
          )}
          <Pager
            page={list.page}
            pageCount={list.pageCount}
            basePath="/cna/conventions"
            params={kept}
          />
          {missing > 0 && (
            <Alert
              severity="info"
              small
              description={`${missing} lauréat(s) publié(s) n'ont pas encore de convention.`}
              className="fr-mt-3w"
            />
          )}
        </>
      )}
    </div>
  );
}
