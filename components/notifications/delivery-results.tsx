import { DeliveryCountsLine, DeliveryTable } from "@/components/notifications/delivery-table";
import type { DeliveryCounts, DeliveryRow } from "@/lib/notifications/log";

type Props = {
  counts: DeliveryCounts;
  list: { items: DeliveryRow[]; total: number };
  /** whether a filter of the search is set: an empty answer then blames the search */
  filtered: boolean;
  /** what an empty log says when no filter is set */
  none: string;
};

/** The answer of the log's search: its counts, then its rows or why there are none. */
export function DeliveryResults({ counts, list, filtered, none }: Props) {
  return (
    <>
      {counts.total > 0 && <DeliveryCountsLine counts={counts} />}
      {list.total === 0 ? (
        <p className="fr-p-3w fr-background-alt--grey">
          {filtered ? "Aucun envoi ne correspond à cette recherche." : none}
        </p>
      ) : (
        <DeliveryTable rows={list.items} total={list.total} />
      )}
    </>
  );
}
