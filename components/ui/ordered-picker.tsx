'use client';
import { useState } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { Button } from './button';

/** An ordered choice from a list (group members, master candidates); submitted as repeated hidden inputs in order. */
export function OrderedPicker({ locale, name, label, options, initial, addLabel, emptyLabel, error, readOnly = false }: {
  locale: Locale;
  name: string;
  label: string;
  options: { id: string; name: string }[];
  initial: string[];
  addLabel: string;
  emptyLabel?: string;
  error?: string;
  readOnly?: boolean;
}) {
  const [chosen, setChosen] = useState(initial);
  const nameOf = new Map(options.map((o) => [o.id, o.name]));
  const move = (i: number, d: -1 | 1) => setChosen((c) => { const n = [...c]; [n[i], n[i + d]] = [n[i + d], n[i]]; return n; });
  const rest = options.filter((o) => !chosen.includes(o.id));
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-xs font-medium text-slate-600">{label}</legend>
      <ol className="flex flex-col divide-y divide-slate-100 rounded border border-slate-200" data-testid={`ordered-${name}`}>
        {chosen.length === 0 && <li className="px-2 py-1.5 text-sm text-slate-400">{emptyLabel ?? '—'}</li>}
        {chosen.map((id, i) => (
          <li key={id} className="flex items-center gap-2 px-2 py-1 text-sm">
            <input type="hidden" name={name} value={id} />
            <span className="w-5 text-right font-mono text-xs text-slate-400">{i + 1}</span>
            <span className="flex-1 font-medium">{nameOf.get(id) ?? id}</span>
            {!readOnly && (
              <>
                <Button variant="ghost" className="h-6 px-1.5" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`${t(locale, 'common.moveUp')} ${nameOf.get(id)}`}>↑</Button>
                <Button variant="ghost" className="h-6 px-1.5" disabled={i === chosen.length - 1} onClick={() => move(i, 1)} aria-label={`${t(locale, 'common.moveDown')} ${nameOf.get(id)}`}>↓</Button>
                <Button variant="ghost" className="h-6 px-1.5 text-red-700" onClick={() => setChosen((c) => c.filter((x) => x !== id))} aria-label={`${t(locale, 'common.remove')} ${nameOf.get(id)}`}>✕</Button>
              </>
            )}
          </li>
        ))}
      </ol>
      {!readOnly && rest.length > 0 && (
        <select
          aria-label={addLabel}
          value=""
          onChange={(e) => e.target.value && setChosen((c) => [...c, e.target.value])}
          className="h-8 max-w-xs rounded border border-slate-300 bg-white px-2 text-sm"
        >
          <option value="">{addLabel}</option>
          {rest.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>
      )}
      {error && <p className="text-xs text-red-600" data-field-error={name}>{label}: {error}</p>}
    </fieldset>
  );
}
