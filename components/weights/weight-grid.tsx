'use client';
import { useState } from 'react';
import type { FormState } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { useFormAction } from '@/components/ui/use-form-action';
import { Badge, Notice } from '@/components/ui/page';
import { Button } from '@/components/ui/button';
import { Mono, Table, Td, Th } from '@/components/ui/table';

export interface WeightGridData {
  rows: { id: string; name: string; address: string }[]; // nodes
  columns: { id: string; name: string }[]; // services
  weights: Record<string, number | null>; // "node:service" → weight, null = the node does not run it
}

export const cellName = (node: string, service: string) => `w:${node}:${service}`;

/**
 * Nodes × services weights. Editors get one number input per cell the node runs and one save
 * button for the grid; viewers get the numbers only — no inputs at all.
 */
export function WeightGrid({ locale, data, save, label }: { locale: Locale; data: WeightGridData; save: ((fd: FormData) => Promise<FormState>) | null; label: string }) {
  const { state, pending, onSubmit, fieldError } = useFormAction(save ?? (async () => ({})));
  const table = (
    <Table fit>
      <thead>
        <tr>
          <Th className="min-w-56">{t(locale, 'common.nodes')}</Th>
          {data.columns.map((c) => <Th key={c.id} className="min-w-32">{c.name} · {t(locale, 'weight.weight')}</Th>)}
        </tr>
      </thead>
      <tbody>
        {data.rows.map((r) => (
          <tr key={r.id} data-row={r.name}>
            <Td><span className="font-medium">{r.name}</span> <Mono><span className="text-slate-500">{r.address}</span></Mono></Td>
            {data.columns.map((c) => {
              const w = data.weights[`${r.id}:${c.id}`];
              return (
                <Td key={c.id} data-cell={`${r.name}/${c.name}`}>
                  {w === null || w === undefined ? (
                    <span className="text-xs text-slate-400" title={t(locale, 'cluster.notRunning')}>—</span>
                  ) : save ? (
                    <WeightInput locale={locale} name={cellName(r.id, c.id)} label={`${r.name} ${c.name}`} initial={w} error={fieldError(cellName(r.id, c.id))} />
                  ) : (
                    <WeightValue locale={locale} weight={w} />
                  )}
                </Td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </Table>
  );
  if (!save) return table;
  return (
    <form onSubmit={onSubmit} aria-label={label} className="flex flex-col gap-2">
      {table}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending}>{t(locale, 'cluster.saveWeights')}</Button>
        {state.ok && !pending && <span className="text-sm text-emerald-700">{t(locale, 'common.saved')}</span>}
      </div>
      {state.error && <Notice kind="error">{state.error}</Notice>}
    </form>
  );
}

function WeightValue({ locale, weight }: { locale: Locale; weight: number }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <Mono>{weight}</Mono>
      {weight === 0 && <Badge tone="amber">{t(locale, 'weight.quiesced')}</Badge>}
    </span>
  );
}

function WeightInput({ locale, name, label, initial, error }: { locale: Locale; name: string; label: string; initial: number; error?: string }) {
  const [value, setValue] = useState(String(initial));
  return (
    <div className="flex flex-col gap-0.5">
      <span className="inline-flex items-center gap-1.5">
        <input
          type="number"
          name={name}
          min={0}
          max={65535}
          step={1}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-label={`${t(locale, 'weight.weight')} ${label}`}
          aria-invalid={error ? true : undefined}
          className={`h-7 w-20 rounded border px-1.5 text-right font-mono text-sm ${error ? 'border-red-500' : 'border-slate-300'}`}
        />
        {value.trim() === '0' && <Badge tone="amber">{t(locale, 'weight.quiesced')}</Badge>}
      </span>
      {error && <span className="text-xs text-red-600" data-field-error={name}>{t(locale, 'weight.weight')} ({label}): {error}</span>}
    </div>
  );
}
