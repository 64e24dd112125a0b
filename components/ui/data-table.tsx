/**
 * A table described by its columns: each column says its header and how to draw one row's cell.
 * Columns may be left out conditionally (`false`), and the empty row always spans the columns
 * that are really there.
 */
import type { ReactNode } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { EmptyRow, Table, Td, Th } from './table';

export interface Column<R> {
  key: string;
  header: ReactNode;
  cell: (row: R, index: number) => ReactNode;
  className?: string; // the cells'
  headerClassName?: string;
}

export function DataTable<R>({ columns, rows, rowKey, rowAttrs, empty, fit }: {
  columns: Array<Column<R> | false | null | undefined>;
  rows: R[];
  rowKey: (row: R) => string | number;
  /** data-* attributes the tests and the page use to find a row. */
  rowAttrs?: (row: R) => Record<`data-${string}`, string>;
  /** What an empty table says; leave out for a table that shows only its header then. */
  empty?: ReactNode;
  fit?: boolean;
}) {
  const shown = columns.filter((c): c is Column<R> => Boolean(c));
  return (
    <Table fit={fit}>
      <thead>
        <tr>{shown.map((c) => <Th key={c.key} className={c.headerClassName}>{c.header}</Th>)}</tr>
      </thead>
      <tbody>
        {rows.length === 0 && empty !== undefined && <EmptyRow cols={shown.length}>{empty}</EmptyRow>}
        {rows.map((r, i) => (
          <tr key={rowKey(r)} {...rowAttrs?.(r)}>
            {shown.map((c) => <Td key={c.key} className={c.className}>{c.cell(r, i)}</Td>)}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The right-aligned actions column (edit, delete), shown only to those who may use it. */
export function actionsColumn<R>(locale: Locale, cell: (row: R) => ReactNode): Column<R> {
  return { key: 'actions', header: t(locale, 'common.actions'), headerClassName: 'text-right', cell };
}

/** What every table of model entities shares: rows keyed by id, found by name, the usual empty text. */
export function entityRows<R extends { id: string; name: string }>(locale: Locale, rows: R[]) {
  return { rows, rowKey: (r: R) => r.id, rowAttrs: (r: R) => ({ 'data-row': r.name }), empty: t(locale, 'common.empty') };
}
