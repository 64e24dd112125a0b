/** Dense tables: small text, hairline rows; `Mono` for addresses, ports and fingerprints. */
import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';

export function Table({ children, fit = false }: { children: ReactNode; fit?: boolean }) {
  return (
    <div className={`overflow-x-auto rounded border border-slate-200 bg-white ${fit ? 'w-fit max-w-full' : ''}`}>
      <table className={`border-collapse text-sm ${fit ? '' : 'w-full'}`}>{children}</table>
    </div>
  );
}

export function Th({ className = '', ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th {...props} className={`border-b border-slate-200 bg-slate-50 px-2 py-1.5 text-left text-xs font-semibold whitespace-nowrap text-slate-600 ${className}`} />;
}

export function Td({ className = '', ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td {...props} className={`border-b border-slate-100 px-2 py-1.5 align-middle text-slate-800 ${className}`} />;
}

export function Mono({ children }: { children: ReactNode }) {
  return <span className="font-mono text-[12.5px] whitespace-nowrap">{children}</span>;
}

export function EmptyRow({ cols, children }: { cols: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={cols} className="px-2 py-6 text-center text-sm text-slate-400">{children}</td>
    </tr>
  );
}
