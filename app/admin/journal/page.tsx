import { VerifyChainButton } from "@/components/admin/verify-chain";
import { Pager } from "@/components/ui/pager";
import { Table } from "@/components/ui/table";
import { searchAuditEvents } from "@/lib/audit/log";
import { auditFilterSchema } from "@/lib/audit/schema";
import { requireSpace } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { parsePage } from "@/lib/pagination";

export const metadata = { title: "Journal d'audit - Administration" };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

const json = (v: unknown) => (v === null || v === undefined ? "—" : JSON.stringify(v, null, 1));

const FIELDS = [
  { name: "action", label: "Action (début)", hint: "ex. user., call.update" },
  { name: "entity", label: "Objet (type ou identifiant)", hint: "ex. Call, User" },
  { name: "actor", label: "Auteur (nom ou e-mail)" },
] as const;

export default async function AuditPage({ searchParams }: Props) {
  const actor = await requireSpace("space.admin", "/admin/journal");
  const params = await searchParams;
  const filter = auditFilterSchema.parse(params);
  const events = await searchAuditEvents(actor, filter, parsePage(params));
  const kept = Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as Record<
    string,
    string
  >;
  return (
    <div className="fr-pb-6w">
      <h1>Journal d&apos;audit</h1>
      <p>
        Chaque action est enregistrée avec son auteur, sa date et les valeurs avant et après ;
        chaque ligne porte l&apos;empreinte de la précédente.
      </p>
      <VerifyChainButton />
      {/* biome-ignore lint/a11y/useSemanticElements: the form itself is the search landmark; a <search> wrapper would add an element the DSFR grid does not expect and is not yet announced by every screen reader */}
      <form
        method="get"
        role="search"
        aria-label="Rechercher dans le journal"
        className="fr-mb-3w grid items-end gap-4 md:grid-cols-3"
      >
        {FIELDS.map((f) => (
          <div key={f.name} className="fr-input-group fr-mb-0">
            <label className="fr-label" htmlFor={`f-${f.name}`}>
              {f.label}
              {"hint" in f && <span className="fr-hint-text">{f.hint}</span>}
            </label>
            <input
              className="fr-input"
              id={`f-${f.name}`}
              name={f.name}
              defaultValue={filter[f.name] ?? ""}
            />
          </div>
        ))}
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor="f-from">
            Du
          </label>
          <input
            className="fr-input"
            type="date"
            id="f-from"
            name="from"
            defaultValue={filter.from ?? ""}
          />
        </div>
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor="f-to">
            Au
          </label>
          <input
            className="fr-input"
            type="date"
            id="f-to"
            name="to"
            defaultValue={filter.to ?? ""}
          />
        </div>
        <button type="submit" className="fr-btn fr-btn--secondary">
          Rechercher
        </button>
      </form>
      {events.total === 0 ? (
        <p className="fr-p-3w fr-background-alt--grey">
          Aucun événement ne correspond à cette recherche.
        </p>
      ) : (
        <Table
          caption={`Événements (${events.total})`}
          head={
            <tr>
              <th scope="col">N°</th>
              <th scope="col">Date</th>
              <th scope="col">Auteur</th>
              <th scope="col">Action</th>
              <th scope="col">Objet</th>
              <th scope="col">Avant / après</th>
            </tr>
          }
        >
          {events.items.map((e) => (
            <tr key={String(e.id)}>
              <th scope="row">{String(e.id)}</th>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actor ? `${e.actor.name} (${e.actor.email})` : "Système"}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {e.entityType} <span className="fr-text--xs">{e.entityId}</span>
              </td>
              <td>
                <details>
                  <summary>Voir les valeurs</summary>
                  <p className="fr-text--xs fr-mb-0">Avant :</p>
                  <pre className="fr-text--xs max-w-md overflow-auto whitespace-pre-wrap">
                    {json(e.before)}
                  </pre>
                  <p className="fr-text--xs fr-mb-0">Après :</p>
                  <pre className="fr-text--xs max-w-md overflow-auto whitespace-pre-wrap">
                    {json(e.after)}
                  </pre>
                </details>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Pager
        page={events.page}
        pageCount={events.pageCount}
        basePath="/admin/journal"
        params={kept}
      />
    </div>
  );
}
