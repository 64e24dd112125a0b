'use client';
/** Differences between the last saved state and the kernel table, with the one-click remedy. */
import { useState } from 'react';
import type { LiveDrift, LiveNode } from '@/lib/wire';
import { t, type Locale, type MessageKey } from '@/lib/i18n';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/page';

export function DriftPanel({ locale, node, canReapply, onReapplied }: { locale: Locale; node: LiveNode; canReapply: boolean; onReapplied: (n: LiveNode) => void }) {
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const drift = node.drift;
  if (drift === null || node.savedVersion === null) return null;
  if (drift.length === 0) {
    return <p className="mt-2 text-xs text-emerald-700" data-drift="none">✓ {t(locale, 'live.drift.inSync', { version: String(node.savedVersion) })}{outcome?.ok && ` — ${outcome.text}`}</p>;
  }

  async function reapply() {
    setPending(true);
    setOutcome(null);
    try {
      const r = await fetch('/api/v1/live/reapply', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ node: node.node }) });
      const body = (await r.json()) as { steps?: string[]; error?: { code?: string; message?: string } | string | null; live?: LiveNode | null };
      const err = typeof body.error === 'string' ? body.error : body.error ? (body.error.message ?? body.error.code ?? 'error') : null;
      if (!r.ok || err) setOutcome({ ok: false, text: t(locale, 'live.reapplyFailed', { error: err ?? String(r.status) }) });
      else setOutcome({ ok: true, text: t(locale, 'live.reapplied', { steps: String(body.steps?.length ?? 0) }) });
      if (body.live) onReapplied(body.live);
    } catch (e) {
      setOutcome({ ok: false, text: t(locale, 'live.reapplyFailed', { error: e instanceof Error ? e.message : 'network' }) });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-3 rounded border border-amber-300 bg-amber-50 p-2" data-drift="present">
      <div className="mb-1 flex items-center justify-between gap-3">
        <h3 className="text-sm font-semibold text-amber-900">{t(locale, 'live.drift.title', { version: String(node.savedVersion) })}</h3>
        {canReapply && (
          <Button variant="primary" onClick={reapply} disabled={pending} data-action="reapply">
            {pending ? t(locale, 'live.reapplying') : t(locale, 'live.reapply')}
          </Button>
        )}
      </div>
      <ul className="space-y-1 text-xs">
        {drift.map((d, i) => <DriftLine key={i} locale={locale} d={d} />)}
      </ul>
      {outcome && <div className="mt-2"><Notice kind={outcome.ok ? 'ok' : 'error'}>{outcome.text}</Notice></div>}
    </div>
  );
}

function DriftLine({ locale, d }: { locale: Locale; d: LiveDrift }) {
  return (
    <li className="flex flex-wrap items-baseline gap-x-2" data-drift-kind={d.kind}>
      <span className="font-medium text-amber-900">{t(locale, `live.drift.${d.kind}` as MessageKey)}</span>
      <span className="font-mono">{d.service}{d.realServer ? ` → ${d.realServer}` : ''}</span>
      {d.fields.length > 0 && <span className="text-amber-800">({d.fields.join(', ')})</span>}
      {d.desired && <span className="font-mono text-slate-700">{t(locale, 'live.drift.saved')}: {d.desired}</span>}
      {d.live && <span className="font-mono text-red-700">{t(locale, 'live.drift.live')}: {d.live}</span>}
    </li>
  );
}
