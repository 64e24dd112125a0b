'use client';
/** "Why is it down": runs the real-server doctor for one real server × service and shows the findings. */
import { useState, type ReactNode } from 'react';
import type { DoctorReport } from '@/lib/doctor/types';
import { t, type Locale } from '@/lib/i18n';
import { Button } from '@/components/ui/button';
import { DoctorFindings } from '@/components/doctor/findings';

const hhmmss = (iso: string) => `${new Date(iso).toLocaleTimeString('en-GB', { hour12: false, timeZone: 'UTC' })} UTC`;

/** `children` sit on the button's line (the row's drain / maintenance control). */
export function DoctorButton({ locale, node, service, children }: { locale: Locale; node: string; service: string; children?: ReactNode }) {
  const [pending, setPending] = useState(false);
  const [report, setReport] = useState<DoctorReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setPending(true);
    setError(null);
    try {
      const r = await fetch('/api/v1/live/doctor', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ node, service }) });
      const body = (await r.json()) as DoctorReport & { error?: string };
      if (!r.ok) { setReport(null); setError(body.error ?? String(r.status)); } else setReport(body);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'network');
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-1" data-doctor={`${node} ${service}`}>
      <span className="flex flex-wrap items-center gap-2">
        {children}
        <Button variant="ghost" className="h-6 px-2 text-xs" onClick={run} disabled={pending} data-action="doctor">
          {pending ? t(locale, 'live.doctor.running') : t(locale, 'live.doctor.run')}
        </Button>
        {report && <span className="text-[11px] text-slate-500">{t(locale, 'live.doctor.title', { time: hhmmss(report.at) })}</span>}
        {report && <button type="button" className="text-[11px] text-sky-700 hover:underline" onClick={() => setReport(null)}>{t(locale, 'live.doctor.close')}</button>}
        {error && <span className="text-xs text-red-700" role="alert">{t(locale, 'live.doctor.failed', { error })}</span>}
      </span>
      {/* At most the screen's width: on a phone the findings wrap on screen instead of beside the scrolled table. */}
      {report && <div className="mt-1 w-[calc(100vw-5rem)] max-w-3xl whitespace-normal"><DoctorFindings locale={locale} findings={report.findings} /></div>}
    </div>
  );
}
