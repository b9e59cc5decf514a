import { DeliveryFilters } from "@/components/notifications/delivery-filters";
import { DeliveryCountsLine, DeliveryTable } from "@/components/notifications/delivery-table";
import { ResendFailedButton } from "@/components/notifications/resend-button";
import { Pager } from "@/components/ui/pager";
import { requireSpace } from "@/lib/auth/session";
import { listAllCalls } from "@/lib/calls/data";
import { countFailedOfCall, deliveryFilterSchema, kindOptions, searchDeliveries } from "@/lib/notifications/log";
import { parsePage } from "@/lib/pagination";

export const metadata = { title: "Envois - Administration" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function AdminDeliveriesPage({ searchParams }: Props) {
  const actor = await requireSpace("space.admin", "/admin/envois");
  const params = await searchParams;
  const filter = deliveryFilterSchema.parse(params);
  const calls = await listAllCalls(actor);
  // `aucun`: the messages of no call (accounts); an unknown call shows nothing rather than everything.
  const callId = filter.appel === "aucun" ? null : filter.appel ? (calls.find((c) => c.slug === filter.appel)?.id ?? "-") : undefined;
  const known = typeof callId === "string" && callId !== "-" ? callId : null;
  const [{ list, counts }, failed] = await Promise.all([searchDeliveries(actor, filter, callId, parsePage(params)), known ? countFailedOfCall(actor, known) : 0]);
  const kept = Object.fromEntries(Object.entries({ appel: filter.appel, q: filter.q, etat: filter.etat, type: filter.type, taille: params.taille }).filter(([, v]) => v)) as Record<string, string>;
  const filtered = Boolean(filter.q || filter.etat || filter.type || filter.appel);
  return (
    <div className="fr-pb-6w">
      <h1>Envois</h1>
      <p>
        Tous les messages de la plateforme, avec leur destinataire et leur état d&apos;envoi. Le contenu des messages n&apos;est pas affiché ; celui des
        messages d&apos;accès aux comptes (liens personnels à usage unique) n&apos;est pas conservé après l&apos;envoi.
      </p>
      {known && <ResendFailedButton callId={known} count={failed} />}
      <DeliveryFilters action="/admin/envois" filter={filter} kinds={kindOptions(actor)} calls={calls.map((c) => [c.slug, c.title] as [string, string])} />
      {counts.total > 0 && <DeliveryCountsLine counts={counts} />}
      {list.total === 0 ? (
        <p className="fr-p-3w fr-background-alt--grey">{filtered ? "Aucun envoi ne correspond à cette recherche." : "Aucun message n'a encore été adressé."}</p>
      ) : (
        <DeliveryTable rows={list.items} total={list.total} />
      )}
      <Pager page={list.page} pageCount={list.pageCount} basePath="/admin/envois" params={kept} />
    </div>
  );
}
