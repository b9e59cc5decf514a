import type { ReactNode } from "react";

// The frame of a list page's filters (the selects are FilterSelect, components/ui/filter-select.tsx).

/** A list's filters: a plain GET form (works without JavaScript), its values kept in the address. */
export function FilterForm({
  action,
  label,
  className,
  children,
}: {
  /** the page the search goes to (none: the current address) */
  action?: string;
  /** the name of the search landmark */
  label: string;
  className: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: the form itself is the search landmark; a <search> wrapper would add an element the DSFR grid does not expect and is not yet announced by every screen reader
    <form method="get" action={action} className={className} role="search" aria-label={label}>
      {children}
    </form>
  );
}

/** The free-text search of a list's filters: a labelled DSFR input. */
export function SearchField({
  id,
  label,
  hint,
  value,
  type,
  maxLength,
}: {
  id: string;
  label: string;
  hint?: string;
  /** the current search (sent as `q`) */
  value?: string;
  type?: "search";
  maxLength?: number;
}) {
  return (
    <div className="fr-input-group fr-mb-0">
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      <input
        className="fr-input"
        id={id}
        name="q"
        type={type}
        defaultValue={value ?? ""}
        maxLength={maxLength}
      />
    </div>
  );
}
