/**
 * The doctor's findings: one line per check, problems first, each with its remedy in the viewer's
 * language. Node facts are shown as text, never as markup. Used by the live view and the events page.
 */
import type { DoctorFinding } from '@/lib/doctor/types';
import { t, type Locale, type MessageKey } from '@/lib/i18n';

export function DoctorFindings({ locale, findings }: { locale: Locale; findings: DoctorFinding[] }) {
  const ordered = [...findings].sort((a, b) => Number(a.ok) - Number(b.ok));
  return (
    <ul className="space-y-1 font-sans text-xs leading-5" data-doctor-findings>
      {ordered.map((f) => (
        <li key={f.code} data-finding={f.code} data-ok={f.ok ? 'yes' : 'no'} className={`rounded px-2 py-1 ${f.ok ? 'text-slate-600' : 'bg-red-50 text-red-900 ring-1 ring-red-200'}`}>
          <span className={`mr-1.5 font-semibold ${f.ok ? 'text-emerald-700' : 'text-red-700'}`}>{f.ok ? '✓' : '✗'}</span>
          <span className="font-medium">{t(locale, `doctor.code.${f.code}` as MessageKey)}</span>
          <span className="ml-1.5 break-words">{f.detail}</span>
          {!f.ok && f.remedy[locale] && (
            <p className="mt-0.5 break-words text-slate-800"><span className="font-medium">{t(locale, 'doctor.remedy')}: </span>{f.remedy[locale]}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A stored report is JSON from the database: show it only when it has the shape. */
export function asFindings(v: unknown): DoctorFinding[] | null {
  const f = (v as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(f)) return null;
  return f.filter((x): x is DoctorFinding => !!x && typeof x.code === 'string' && typeof x.ok === 'boolean' && typeof x.detail === 'string' && !!x.remedy);
}
