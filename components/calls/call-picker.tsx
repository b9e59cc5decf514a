import type { CallSummary } from "@/lib/calls/data";
import { PHASE_LABELS } from "@/lib/calls/phase";

/** Chooses the call a list is about (a plain GET form: works without JavaScript). */
export function CallPicker({
  calls,
  current,
  action,
}: {
  calls: CallSummary[];
  current: string;
  action: string;
}) {
  if (calls.length <= 1) return null;
  return (
    <form method="get" action={action} className="fr-mb-4w flex flex-wrap items-end gap-4">
      <div className="fr-select-group fr-mb-0">
        <label className="fr-label" htmlFor="appel">
          Appel
        </label>
        <select className="fr-select" id="appel" name="appel" defaultValue={current}>
          {calls.map((c) => (
            <option key={c.id} value={c.slug}>
              {c.title} ({PHASE_LABELS[c.phase]})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="fr-btn fr-btn--secondary">
        Afficher
      </button>
    </form>
  );
}
