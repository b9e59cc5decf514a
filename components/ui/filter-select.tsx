// A filter of a list page: a labelled DSFR select, sent with the page's GET form.
type Props = {
  id: string;
  name: string;
  label: string;
  /** the current value ("" or undefined: the first option) */
  value?: string;
  /** the choices, as [value, label]; `all` (value "") comes first when given */
  options: readonly (readonly [string, string])[];
  all?: string;
};

export function FilterSelect({ id, name, label, value, options, all }: Props) {
  return (
    <div className="fr-select-group fr-mb-0">
      <label className="fr-label" htmlFor={id}>
        {label}
      </label>
      <select className="fr-select" id={id} name={name} defaultValue={value ?? ""}>
        {all !== undefined && <option value="">{all}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
