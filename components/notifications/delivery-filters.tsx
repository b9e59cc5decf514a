import Link from "next/link";
import { FilterForm, SearchField } from "@/components/ui/filter-bar";
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
    <FilterForm
      action={action}
      label="Rechercher dans les envois"
      className="fr-mb-3w grid items-end gap-4 md:grid-cols-3"
    >
      {appel && <input type="hidden" name="appel" value={appel} />}
      <SearchField
        id="envois-q"
        label="Destinataire ou objet"
        hint="Une partie de l'adresse e-mail, ou une référence de dossier"
        value={filter.q}
      />
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
    </FilterForm>
  );
}
