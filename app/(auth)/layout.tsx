import type { ReactNode } from 'react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 p-6">
      <div className="w-full max-w-sm">
        <p className="mb-4 text-center text-xl font-semibold tracking-tight text-slate-800">LVS Console</p>
        {children}
      </div>
    </main>
  );
}
