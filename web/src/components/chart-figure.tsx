import type { ReactNode } from 'react';

interface ChartFigureProps {
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows: the text alternative for the picture. */
  summary: string;
  chart: ReactNode;
  /** The chart's numbers as a table, for screen readers and for anyone who wants the exact values. */
  table: ReactNode;
}

/** A chart with a heading, a summary in words and its data as a table behind a disclosure. */
export function ChartFigure({ id, title, summary, chart, table }: ChartFigureProps): ReactNode {
  return (
    <section className="panel chart" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="chart-summary" id={`${id}-summary`}>
        {summary}
      </p>
      <div
        className="chart-box"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-summary`}
      >
        {chart}
      </div>
      <details className="chart-data">
        <summary>Show the data as a table</summary>
        <div className="table-scroll">{table}</div>
      </details>
    </section>
  );
}

/** A simple numbers table for a chart: one row per entry, first column as the row header. */
export function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: Array<Array<string | number>>;
}): ReactNode {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            {row.map((cell, column) =>
              column === 0 ? (
                <th key={column} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={column}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
