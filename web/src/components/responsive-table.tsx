import type { Key, ReactNode } from 'react';

/** A column: its heading, which also labels each cell when narrow screens stack a row into a card. */
export interface Column {
  label: string;
  className?: string;
}

interface ResponsiveTableProps {
  /** Read by screen readers only. */
  caption: ReactNode;
  columns: Array<string | Column>;
  /** One entry per row, a cell per column; the first cell is the row's header. */
  rows: Array<{ key: Key; cells: ReactNode[] }>;
  className?: string;
}

/**
 * The dashboard's lists as a table (`.rtable`). Each cell's `data-label` comes from its column, so the
 * stacked layout on narrow screens can never name a cell after the wrong column.
 */
export function ResponsiveTable({ caption, columns, rows, className }: ResponsiveTableProps): ReactNode {
  const cols = columns.map((column) => (typeof column === 'string' ? { label: column } : column));
  return (
    <table className={className ? `rtable ${className}` : 'rtable'}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {cols.map((column) => (
            <th key={column.label} scope="col">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, index) => {
              const column = cols[index]!;
              return index === 0 ? (
                <th key={index} scope="row" data-label={column.label} className={column.className}>
                  {cell}
                </th>
              ) : (
                <td key={index} data-label={column.label} className={column.className}>
                  {cell}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
