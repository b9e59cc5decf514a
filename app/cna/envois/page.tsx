import { CallPicker } from "@/components/calls/call-picker";
import { CnaNav } from "@/components/national/cna-nav";
import { DeliveryFilters } from "@/components/notifications/delivery-filters";
import { DeliveryResults } from "@/components/notifications/delivery-results";
import { FailedDocuments } from "@/components/notifications/failed-documents";
import { ResendAnnouncements, ResendFailedButton } from "@/components/notifications/resend-button";
import { Pager } from "@/components/ui/pager";
import { requireSpace } from "@/lib/auth/session";
import { listPublicCalls, pickCall } from "@/lib/calls/data";
import { countFailedOfCall, failedDocuments, searchDeliveries } from "@/lib/notifications/data";
import { deliveryFilterSchema, kindOptions } from "@/lib/notifications/log";
import { parsePage } from "@/lib/pagination";

export const metadata = { title: "Envois" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function DeliveriesPage({ searchParams }: Props) {
  const actor = await requireSpace("space.cna", "/cna/envois");
  const params = await searchParams;
  const calls = await listPublicCalls();
  const call = pickCall(calls, params.appel);
  if (!call) {
    return (
      <div className="fr-container fr-py-6w">
        <h1>Envois</h1>
        <p className="fr-p-3w fr-background-alt--grey">Aucun appel n&apos;est encore publié.</p>
      </div>
    );
  }
  const filter = deliveryFilterSchema.parse({ ...params, appel: call.slug });
  const [{ list, counts }, failed, documents] = await Promise.all([
    searchDeliveries(actor, filter, call.id, parsePage(params)),
    countFailedOfCall(actor, call.id),
    failedDocuments(actor, call.id),
  ]);
  const kept = Object.fromEntries(
    Object.entries({
      appel: call.slug,
      q: filter.q,
      etat: filter.etat,
      type: filter.type,
      taille: params.taille,
    }).filter(([, v]) => v),
  ) as Record<string, string>;
  const filtered = Boolean(filter.q || filter.etat || filter.type);
  return (
    <div className="fr-container fr-py-6w">
      <h1>Envois</h1>
      <CnaNav current="envois" slug={call.slug} />
      <CallPicker calls={calls} current={call.slug} action="/cna/envois" />
      <p>
        Les messages de l&apos;appel <strong>{call.title}</strong> : à qui ils ont été adressés et
        ce qu&apos;il en est advenu. « Envoyé » signifie remis au serveur de messagerie (sa réponse
        en fait foi), non lu par la personne. Un message en échec peut être renvoyé une fois la
        cause corrigée.
      </p>
      {/* One announcement for the page: a relaunched document or a resent message may leave the page once it is read again. */}
      <ResendAnnouncements>
        <FailedDocuments documents={documents.items} total={documents.total} links />
        <ResendFailedButton callId={call.id} counts={failed} />
        <DeliveryFilters
          action="/cna/envois"
          filter={filter}
          kinds={kindOptions(actor)}
          appel={call.slug}
        />
        <DeliveryResults
          counts={counts}
          list={list}
          filtered={filtered}
          none="Aucun message n'a encore été adressé pour cet appel."
        />
      </ResendAnnouncements>
      <Pager page={list.page} pageCount={list.pageCount} basePath="/cna/envois" params={kept} />
    </div>
  );
}
