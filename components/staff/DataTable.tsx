/**
 * The staff table (dashboard and desk): a header row of `<th scope="col">`, one row per item, an
 * optional row header (`<th scope="row">`), numeric columns right-aligned, a caption or an
 * aria-label, and a sentence when there are no rows.
 */
import type { ReactNode } from 'react';

export type Column<Row> = {
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** This column's cells are `<th scope="row">` (the row's name). */
  rowHeader?: boolean;
};

export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  caption,
  label,
  empty,
  className,
  numericClassName,
  testId,
}: {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  caption?: ReactNode;
  /** aria-label when there is no visible caption (the section's heading usually names the table). */
  label?: string;
  /** Shown instead of the table when there are no rows; without it, an empty table is rendered. */
  empty?: ReactNode;
  className?: string;
  numericClassName?: string;
  testId?: string;
}) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  const align = (c: Column<Row>) => (c.numeric ? numericClassName : undefined);
  return (
    <table className={className} data-testid={testId} aria-label={caption ? undefined : label}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={align(c)}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)}>
            {columns.map((c, i) =>
              c.rowHeader ? (
                <th key={i} scope="row" className={align(c)}>
                  {c.cell(row, r)}
                </th>
              ) : (
                <td key={i} className={align(c)}>
                  {c.cell(row, r)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
