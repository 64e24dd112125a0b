/** A set of checkboxes under one name: submitted as repeated FormData entries. */
export function CheckboxList({ name, options, selected, error, label }: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  selected: string[];
  error?: string;
}) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-xs font-medium text-slate-600">{label}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.length === 0 && <span className="text-xs text-slate-400">—</span>}
        {options.map((o) => (
          <label key={o.value} className="inline-flex items-center gap-1.5 text-sm">
            <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} className="h-3.5 w-3.5" />
            {o.label}
          </label>
        ))}
      </div>
      {error && <p className="text-xs text-red-600" data-field-error={name}>{label}: {error}</p>}
    </fieldset>
  );
}
