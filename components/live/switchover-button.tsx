'use client';
/**
 * "Switch over to …": asks, then POST /api/v1/switchover. The outcome lives in a page-wide store
 * per virtual node, not in the button: the button belongs to a backup candidate and is gone the
 * moment that candidate becomes master, which is exactly when the answer arrives.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { Button } from '@/components/ui/button';

type Entry = { pending: boolean; ok: boolean; text: string | null };
const EMPTY: Entry = { pending: false, ok: true, text: null };
const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();
const set = (key: string, e: Entry) => { entries.set(key, e); for (const l of listeners) l(); };
const subscribe = (l: () => void) => { listeners.add(l); return () => { listeners.delete(l); }; };
const useEntry = (key: string) => useSyncExternalStore(subscribe, () => entries.get(key) ?? EMPTY, () => EMPTY);

async function run(locale: Locale, virtualNode: string, to: string, toName: string) {
  if (entries.get(virtualNode)?.pending) return;
  if (!window.confirm(t(locale, 'live.switchover.confirm', { node: toName }))) return;
  set(virtualNode, { pending: true, ok: true, text: null });
  try {
    const r = await fetch('/api/v1/switchover', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ virtualNode, to }) });
    const body = (await r.json()) as { tookMs?: number; error?: string };
    set(virtualNode, r.ok
      ? { pending: false, ok: true, text: t(locale, 'live.switchover.done', { node: toName, seconds: ((body.tookMs ?? 0) / 1000).toFixed(1) }) }
      : { pending: false, ok: false, text: body.error ?? String(r.status) });
  } catch (e) {
    set(virtualNode, { pending: false, ok: false, text: e instanceof Error ? e.message : 'network' });
  }
}

export function SwitchoverButton({ locale, virtualNode, to, toName }: { locale: Locale; virtualNode: string; to: string; toName: string }) {
  const { pending } = useEntry(virtualNode);
  // Disabled until hydrated: a click on the server-rendered button would otherwise be lost.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <Button variant="ghost" className="h-6 px-2 text-xs" onClick={() => void run(locale, virtualNode, to, toName)} disabled={!ready || pending} data-action="switchover" data-to={to}>
      {t(locale, 'live.switchover.to', { node: toName })}
    </Button>
  );
}

/** The last switchover's outcome for one virtual node (or that one is running). */
export function SwitchoverStatus({ locale, virtualNode }: { locale: Locale; virtualNode: string }) {
  const { pending, ok, text } = useEntry(virtualNode);
  if (pending) return <span className="text-xs text-slate-600" role="status">{t(locale, 'live.switchover.running')}</span>;
  if (!text) return null;
  return <span className={`text-xs ${ok ? 'text-emerald-700' : 'text-red-700'}`} role={ok ? 'status' : 'alert'}>{text}</span>;
}
