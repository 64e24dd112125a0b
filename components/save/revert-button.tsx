'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { t, type Locale } from '@/lib/i18n';

export function RevertButton({ locale, version }: { locale: Locale; version: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function revert() {
    if (!window.confirm(t(locale, 'history.revertConfirm', { version: String(version) }))) return;
    setBusy(true);
    const res = await fetch(`/api/v1/versions/${version}/revert`, { method: 'POST' });
    setBusy(false);
    if (!res.ok) return setError(((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `HTTP ${res.status}`);
    router.refresh();
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="ghost" onClick={revert} disabled={busy}>{t(locale, 'history.revert')}</Button>
      {error && <span className="text-xs text-red-700">{error}</span>}
    </span>
  );
}
