'use client';
/**
 * Active / Drain / Maintenance in one click, for a node or a node × service. The click saves (the
 * API answers with the save's outcome); the page then re-reads its data. While a drain is open the
 * page re-reads every few seconds, so "drained" appears when the console's drain watch says so.
 */
import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { AdminStateName } from '@/lib/admin-state/types';
import { t, type Locale } from '@/lib/i18n';

const ORDER: AdminStateName[] = ['active', 'drain', 'maintenance'];
const ON: Record<AdminStateName, string> = {
  active: 'bg-emerald-600 text-white border-emerald-600',
  drain: 'bg-sky-600 text-white border-sky-600',
  maintenance: 'bg-amber-500 text-white border-amber-500',
};

export function AdminStateControl({ locale, nodeId, nodeName, serviceId, state, draining }: {
  locale: Locale;
  nodeId: string;
  nodeName: string;
  serviceId?: string;
  state: AdminStateName;
  draining: boolean; // a drain is open: keep re-reading until the watch ends it
}) {
  const router = useRouter();
  const [pending, setPending] = useState<AdminStateName | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Disabled until hydrated: a click on the server-rendered buttons would otherwise be lost.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  useEffect(() => {
    if (!draining) return;
    const timer = setInterval(() => router.refresh(), 3_000);
    return () => clearInterval(timer);
  }, [draining, router]);

  async function choose(next: AdminStateName) {
    if (next === state || pending) return;
    setPending(next);
    setError(null);
    try {
      const r = await fetch(`/api/v1/nodes/${encodeURIComponent(nodeId)}/admin-state`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state: next, ...(serviceId ? { service: serviceId } : {}) }),
      });
      const body = (await r.json().catch(() => ({}))) as { error?: string; save?: { nodes?: Array<{ status: string; name: string; error?: { message?: string } }> } };
      const failed = body.save?.nodes?.filter((n) => n.status === 'failed') ?? [];
      if (!r.ok) setError(body.error ?? String(r.status));
      else if (failed.length) setError(failed.map((n) => `${n.name}: ${n.error?.message ?? 'failed'}`).join('; '));
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'network');
    } finally {
      setPending(null);
    }
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-admin-control={serviceId ? `${nodeName} ${serviceId}` : nodeName}>
      <span role="group" aria-label={t(locale, 'admin.label', { name: nodeName })} className="inline-flex overflow-hidden rounded border border-slate-300">
        {ORDER.map((s) => (
          <button key={s} type="button" data-admin-state={s} aria-pressed={s === state} disabled={!ready || pending !== null}
            onClick={() => choose(s)}
            className={`h-6 border-l px-2 font-sans text-[11px] first:border-l-0 disabled:opacity-60 ${s === state ? ON[s] : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}>
            {pending === s ? t(locale, 'admin.working') : t(locale, `admin.${s}`)}
          </button>
        ))}
      </span>
      {error && <span className="font-sans text-xs text-red-700" role="alert">{t(locale, 'admin.failed', { error })}</span>}
    </span>
  );
}
