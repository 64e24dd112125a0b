import type { ReactNode } from 'react';
import { servedCertificateFingerprint } from '@/lib/config';
import { CertificateFingerprint } from '@/components/auth/certificate-fingerprint';
import { requestLocale } from './locale';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const fingerprint = servedCertificateFingerprint();
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 p-6">
      <div className="w-full max-w-sm">
        <p className="mb-4 text-center text-xl font-semibold tracking-tight text-slate-800">LVS Console</p>
        {children}
        {fingerprint && <CertificateFingerprint locale={await requestLocale()} fingerprint={fingerprint} />}
      </div>
    </main>
  );
}
