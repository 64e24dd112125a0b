import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { cookies, headers } from 'next/headers';
import '@fontsource-variable/inter';
// Hangul from the bundle, not the machine: without a system CJK font it drew as empty boxes.
import '@fontsource-variable/noto-sans-kr';
import './globals.css';
import { LOCALE_COOKIE, pickLocale } from '@/lib/i18n';
import { sessionUser } from '@/lib/auth/current';

export const metadata: Metadata = { title: 'LVS Console', description: 'Linux Virtual Server cluster console' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // A signed-in user's own language wins over the browser's cookie or preference.
  const user = await sessionUser().catch(() => null);
  const lang = user?.locale ?? pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  return (
    <html lang={lang}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
