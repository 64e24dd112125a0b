/** A labelled form control with its error next to it, naming the field (zod messages are English fragments like "is required"). */
import type { ReactNode } from 'react';

export function Field({ label, name, error, hint, children, className = '' }: {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={fieldId(name)} className="text-xs font-medium text-slate-600">{label}</label>
      {children}
      {hint && !error && <p className="text-xs text-slate-400">{hint}</p>}
      {error && (
        <p id={`${fieldId(name)}-error`} className="text-xs text-red-600" data-field-error={name}>
          {label}: {error}
        </p>
      )}
    </div>
  );
}

export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export const inputClass = (error?: string, extra = '') =>
  `h-8 rounded border bg-white px-2 text-sm outline-none focus:border-sky-500 focus:ring-1 focus:ring-sky-500 ${error ? 'border-red-500' : 'border-slate-300'} ${extra}`;

/** Props for an input inside a Field: id, name, and the error wiring. */
export const control = (name: string, error?: string) => ({
  id: fieldId(name),
  name,
  'aria-invalid': error ? true : undefined,
  'aria-describedby': error ? `${fieldId(name)}-error` : undefined,
});

type FieldError = (name: string) => string | undefined;

/** The form's input and select builders, bound to its error lookup (service form, health fields). */
export function fieldBuilders(err: FieldError) {
  const input = (name: string, label: string, value: string | number | null | undefined, props: Record<string, unknown> = {}) => (
    <Field label={label} name={name} error={err(name)}>
      <input {...control(name, err(name))} defaultValue={value ?? ''} className={inputClass(err(name))} {...props} />
    </Field>
  );
  const select = (name: string, label: string, value: string, options: readonly string[], onChange?: (v: string) => void, optionLabel = (o: string) => o) => (
    <Field label={label} name={name} error={err(name)}>
      <select {...control(name, err(name))} defaultValue={value} onChange={(e) => onChange?.(e.target.value)} className={inputClass(err(name))}>
        {options.map((o) => <option key={o} value={o}>{optionLabel(o)}</option>)}
      </select>
    </Field>
  );
  return { input, select };
}
