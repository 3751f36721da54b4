import type { ReactNode } from 'react';

/** A chart's key: a swatch and a label per series (the colours are never the only way to read it). */
export function ChartLegend({
  items,
}: {
  items: Array<{ label: string; colour: string; line?: boolean }>;
}): ReactNode {
  return (
    <ul className="legend chart-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.label}>
          <span
            className={item.line ? 'swatch swatch-line' : 'swatch'}
            style={item.line ? { borderColor: item.colour } : { background: item.colour }}
            aria-hidden="true"
          />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
