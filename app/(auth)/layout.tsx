import type { ReactNode } from 'react';
import { servedCertificateFingerprint } from '@/lib/config';
import { CertificateFingerprint } from '@/components/auth/certificate-fingerprint';
import { LocaleSwitch } from '@/components/shell/locale-switch';
import { chooseLocaleAction } from './actions';
import { requestLocale } from './locale';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const locale = await requestLocale();
  const fingerprint = servedCertificateFingerprint();
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 p-6">
      <div className="w-full max-w-sm">
        <div className="mb-4 flex items-center justify-between gap-3">
          <p className="text-xl font-semibold tracking-tight text-slate-800">LVS Console</p>
          <LocaleSwitch locale={locale} setLocale={chooseLocaleAction} />
        </div>
        {children}
        {fingerprint && <CertificateFingerprint locale={locale} fingerprint={fingerprint} />}
      </div>
    </main>
  );
}
