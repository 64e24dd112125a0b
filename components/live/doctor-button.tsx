'use client';
/**
 * "Why is it down": runs the real-server doctor for one real server × service and shows the findings.
 * The report lives in a page-wide store, not in the button: a node that blinks unknown for a poll
 * unmounts its table, and the answer (or the request still running) must be there when it returns.
 */
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { DoctorReport } from '@/lib/doctor/types';
import { t, type Locale } from '@/lib/i18n';
import { Button } from '@/components/ui/button';
import { DoctorFindings } from '@/components/doctor/findings';

type Entry = { pending: boolean; report: DoctorReport | null; error: string | null };
const EMPTY: Entry = { pending: false, report: null, error: null };
const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();
const set = (key: string, e: Entry) => { entries.set(key, e); for (const l of listeners) l(); };
const subscribe = (l: () => void) => { listeners.add(l); return () => { listeners.delete(l); }; };

async function run(key: string, node: string, service: string) {
  if (entries.get(key)?.pending) return;
  set(key, { pending: true, report: null, error: null });
  try {
    const r = await fetch('/api/v1/live/doctor', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ node, service }) });
    const body = (await r.json()) as DoctorReport & { error?: string };
    set(key, r.ok ? { pending: false, report: body, error: null } : { pending: false, report: null, error: body.error ?? String(r.status) });
  } catch (e) {
    set(key, { pending: false, report: null, error: e instanceof Error ? e.message : 'network' });
  }
}

const hhmmss = (iso: string) => `${new Date(iso).toLocaleTimeString('en-GB', { hour12: false, timeZone: 'UTC' })} UTC`;

/** `children` sit on the button's line (the row's drain / maintenance control). */
export function DoctorButton({ locale, node, service, children }: { locale: Locale; node: string; service: string; children?: ReactNode }) {
  const key = `${node} ${service}`;
  const { pending, report, error } = useSyncExternalStore(subscribe, () => entries.get(key) ?? EMPTY, () => EMPTY);
  // Disabled until hydrated: a click on the server-rendered button would otherwise be lost.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <div className="mt-1" data-doctor={key}>
      <span className="flex flex-wrap items-center gap-2">
        {children}
        <Button variant="ghost" className="h-6 px-2 text-xs" onClick={() => void run(key, node, service)} disabled={!ready || pending} data-action="doctor">
          {pending ? t(locale, 'live.doctor.running') : t(locale, 'live.doctor.run')}
        </Button>
        {report && <span className="text-[11px] text-slate-500">{t(locale, 'live.doctor.title', { time: hhmmss(report.at) })}</span>}
        {report && <button type="button" className="text-[11px] text-sky-700 hover:underline" onClick={() => set(key, EMPTY)}>{t(locale, 'live.doctor.close')}</button>}
        {error && <span className="text-xs text-red-700" role="alert">{t(locale, 'live.doctor.failed', { error })}</span>}
      </span>
      {/* At most the screen's width: on a phone the findings wrap on screen instead of beside the scrolled table. */}
      {report && <div className="mt-1 w-[calc(100vw-5rem)] max-w-3xl whitespace-normal"><DoctorFindings locale={locale} findings={report.findings} /></div>}
    </div>
  );
}
