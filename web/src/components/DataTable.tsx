import type { ReactNode } from 'react';

export interface Column<Row> {
  /** The column's heading; also its key, so unique within a table. */
  header: string;
  cell: (row: Row) => ReactNode;
  /** A number: heading and cells align right. */
  num?: boolean;
  /** A class for the cells (not the heading). */
  className?: string;
  testId?: string;
  /**
   * The cells draw what the row's other cells already say (a bar for a share): screen readers skip
   * them, and hear the heading only.
   */
  drawing?: boolean;
}

/**
 * A table of figures, one row per item. The first column names the row: its cells are row headings
 * (`th scope="row"`), in the text's own direction, since names come from users and data. The
 * caption is for screen readers; the section's heading says the same to everyone else.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  rowTestId,
  rowClassName,
  className,
  testId,
}: {
  caption: string;
  columns: [Column<Row>, ...Column<Row>[]];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  rowTestId?: (row: Row) => string;
  rowClassName?: (row: Row) => string | undefined;
  className?: string;
  testId?: string;
}) {
  const [name, ...figures] = columns;
  return (
    <div className="table-wrap">
      <table className={className ? `data-table ${className}` : 'data-table'} data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{name.header}</th>
            {figures.map((c) => (
              <th key={c.header} scope="col" className={c.num ? 'num' : undefined}>
                {c.drawing ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId?.(row)} className={rowClassName?.(row)}>
              <th scope="row" dir="auto">
                {name.cell(row)}
              </th>
              {figures.map((c) => (
                <td
                  key={c.header}
                  className={[c.num && 'num', c.className].filter(Boolean).join(' ') || undefined}
                  data-testid={c.testId}
                  aria-hidden={c.drawing || undefined}
                >
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
