/** What an admin state means for a real server now; a drain shows what is left, from the live counts. */
import type { AdminStateRecord } from '@/lib/admin-state/types';
import { t, type Locale } from '@/lib/i18n';

const hhmmss = (iso: string) => `${new Date(iso).toLocaleTimeString('en-GB', { hour12: false, timeZone: 'UTC' })} UTC`;

export function AdminStateNote({ locale, record, left }: { locale: Locale; record: AdminStateRecord | null; left: number | null }) {
  if (!record) return null;
  let text: string;
  if (record.state === 'maintenance') text = t(locale, 'admin.inMaintenance');
  else if (record.drainedAt) text = t(locale, record.outcome === 'deadline' ? 'admin.drainedDeadline' : 'admin.drained');
  else {
    const until = record.deadlineAt ? hhmmss(record.deadlineAt) : '—';
    text = left === null ? t(locale, 'admin.drainingUntil', { until }) : t(locale, 'admin.draining', { left: String(left), until });
  }
  const tone = record.state === 'maintenance' ? 'bg-amber-50 text-amber-900 ring-amber-300' : 'bg-sky-50 text-sky-900 ring-sky-200';
  return <span data-admin-note={record.state} className={`rounded px-1.5 py-px font-sans text-[11px] ring-1 ${tone}`}>{text}</span>;
}
