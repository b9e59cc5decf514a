import { DeliveryFilters } from "@/components/notifications/delivery-filters";
import { DeliveryResults } from "@/components/notifications/delivery-results";
import { FailedDocuments } from "@/components/notifications/failed-documents";
import { ResendAnnouncements, ResendFailedButton } from "@/components/notifications/resend-button";
import { Pager } from "@/components/ui/pager";
import { requireSpace } from "@/lib/auth/session";
import { listAllCalls } from "@/lib/calls/data";
import { countFailedOfCall, failedDocuments, searchDeliveries } from "@/lib/notifications/data";
import { deliveryFilterSchema, kindOptions } from "@/lib/notifications/log";
import { parsePage } from "@/lib/pagination";

export const metadata = { title: "Envois - Administration" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function AdminDeliveriesPage({ searchParams }: Props) {
  const actor = await requireSpace("space.admin", "/admin/envois");
  const params = await searchParams;
  const filter = deliveryFilterSchema.parse(params);
  const calls = await listAllCalls(actor);
  // `aucun`: the messages of no call (accounts); an unknown call shows nothing rather than everything.
  const callId =
    filter.appel === "aucun"
      ? null
      : filter.appel
        ? (calls.find((c) => c.slug === filter.appel)?.id ?? "-")
        : undefined;
  const known = typeof callId === "string" && callId !== "-" ? callId : null;
  const [{ list, counts }, failed, documents] = await Promise.all([
    searchDeliveries(actor, filter, callId, parsePage(params)),
    known ? countFailedOfCall(actor, known) : null,
    failedDocuments(actor, callId),
  ]);
  const kept = Object.fromEntries(
    Object.entries({
      appel: filter.appel,
      q: filter.q,
      etat: filter.etat,
      type: filter.type,
      taille: params.taille,
    }).filter(([, v]) => v),
  ) as Record<string, string>;
  const filtered = Boolean(filter.q || filter.etat || filter.type || filter.appel);
  return (
    <div className="fr-pb-6w">
      <h1>Envois</h1>
      <p>
        Tous les messages de la plateforme, avec leur destinataire et leur état d&apos;envoi («
        Envoyé » : remis au serveur de messagerie, dont la réponse fait foi). Le contenu des
        messages n&apos;est pas affiché.
      </p>
      <p>
        Les messages d&apos;accès aux comptes contiennent un lien personnel à usage unique, qui
        n&apos;est pas conservé une fois le message envoyé ou en échec définitif : un tel message en
        échec ne peut pas être renvoyé. Invitez de nouveau la personne (administration des
        utilisateurs) ou invitez-la à utiliser « Mot de passe oublié ». Tant qu&apos;il attend un
        nouvel essai, « Nouvel essai maintenant » le renvoie.
      </p>
      <ResendAnnouncements>
        <FailedDocuments documents={documents.items} total={documents.total} />
        {known && failed && <ResendFailedButton callId={known} counts={failed} />}
        <DeliveryFilters
          action="/admin/envois"
          filter={filter}
          kinds={kindOptions(actor)}
          calls={calls.map((c) => [c.slug, c.title] as [string, string])}
        />
        <DeliveryResults
          counts={counts}
          list={list}
          filtered={filtered}
          none="Aucun message n'a encore été adressé."
        />
      </ResendAnnouncements>
      <Pager page={list.page} pageCount={list.pageCount} basePath="/admin/envois" params={kept} />
    </div>
  );
}
