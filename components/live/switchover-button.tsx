'use client';
/** "Switch over to …": asks, then POST /api/v1/switchover and shows how it went. Hydration-gated like the doctor. */
import { useEffect, useState } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { Button } from '@/components/ui/button';

export function SwitchoverButton({ locale, virtualNode, to, toName }: { locale: Locale; virtualNode: string; to: string; toName: string }) {
  const [ready, setReady] = useState(false);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setReady(true), []);
  const run = async () => {
    if (!window.confirm(t(locale, 'live.switchover.confirm', { node: toName }))) return;
    setPending(true);
    setMessage(null);
    try {
      const r = await fetch('/api/v1/switchover', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ virtualNode, to }) });
      const body = (await r.json()) as { tookMs?: number; error?: string };
      setMessage(r.ok ? { ok: true, text: t(locale, 'live.switchover.done', { node: toName, seconds: ((body.tookMs ?? 0) / 1000).toFixed(1) }) } : { ok: false, text: body.error ?? String(r.status) });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : 'network' });
    } finally {
      setPending(false);
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="ghost" className="h-6 px-2 text-xs" onClick={() => void run()} disabled={!ready || pending} data-action="switchover" data-to={to}>
        {pending ? t(locale, 'live.switchover.running') : t(locale, 'live.switchover.to', { node: toName })}
      </Button>
      {message && <span className={`text-xs ${message.ok ? 'text-emerald-700' : 'text-red-700'}`} role={message.ok ? 'status' : 'alert'}>{message.text}</span>}
    </span>
  );
}
