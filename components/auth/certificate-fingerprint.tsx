import { t, type Locale } from '@/lib/i18n';

/** Under the sign-in and setup forms: what the admin compares with the browser's certificate viewer. */
export function CertificateFingerprint({ locale, fingerprint }: { locale: Locale; fingerprint: string }) {
  return (
    <div className="mt-4 text-xs text-slate-500" data-testid="certificate-fingerprint">
      <p className="break-keep">{t(locale, 'auth.certFingerprint')}</p>
      <p className="mt-1 break-all font-mono text-[11px] text-slate-700">{fingerprint}</p>
    </div>
  );
}
