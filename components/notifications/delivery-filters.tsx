import Link from "next/link";
import { FilterSelect } from "@/components/ui/filter-select";
import {
  DELIVERY_STATE_LABELS,
  DELIVERY_STATES,
  type DeliveryFilter,
} from "@/lib/notifications/log";

type Props = {
  action: string;
  filter: DeliveryFilter;
  kinds: [string, string][];
  /** the call chosen elsewhere on the page (the national cell's call picker), kept in the search */
  appel?: string;
  /** the administrators' choice of call: [slug, title] */
  calls?: [string, string][];
};

/** The log's search: a plain GET form (works without JavaScript), its values kept in the address. */
export function DeliveryFilters({ action, filter, kinds, appel, calls }: Props) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: the form itself is the search landmark; a <search> wrapper would add an element the DSFR grid does not expect and is not yet announced by every screen reader
    <form
      method="get"
      action={action}
      role="search"
      aria-label="Rechercher dans les envois"
      className="fr-mb-3w grid items-end gap-4 md:grid-cols-3"
    >
      {appel && <input type="hidden" name="appel" value={appel} />}
      <div className="fr-input-group fr-mb-0">
        <label className="fr-label" htmlFor="envois-q">
          Destinataire ou objet
          <span className="fr-hint-text">
            Une partie de l&apos;adresse e-mail, ou une référence de dossier
          </span>
        </label>
        <input className="fr-input" id="envois-q" name="q" defaultValue={filter.q ?? ""} />
      </div>
      <FilterSelect
        id="envois-etat"
        name="etat"
        label="État"
        value={filter.etat}
        all="Tous"
        options={DELIVERY_STATES.map((s) => [s, DELIVERY_STATE_LABELS[s]] as const)}
      />
      <FilterSelect
        id="envois-type"
        name="type"
        label="Type de message"
        value={filter.type}
        all="Tous"
        options={kinds}
      />
      {calls && (
        <FilterSelect
          id="envois-appel"
          name="appel"
          label="Appel"
          value={filter.appel}
          all="Tous les appels"
          options={[...calls, ["aucun", "Sans appel (comptes)"]]}
        />
      )}
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" className="fr-btn fr-btn--secondary">
          Rechercher
        </button>
        <Link
          href={appel ? `${action}?appel=${encodeURIComponent(appel)}` : action}
          className="fr-link"
        >
          Effacer les filtres
        </Link>
      </div>
    </form>
  );
}
