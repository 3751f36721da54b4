import type { ReactNode } from 'react';
import { ChartLegend } from './legend.js';
import { allIntegers, niceScale, tickValues } from './scale.js';
import { useWidth } from './use-width.js';

interface BarListChartProps {
  /** One row per item (a person), with one value per series. */
  rows: Array<{ label: string; values: number[] }>;
  series: Array<{ label: string; colour: string }>;
}

const LABEL_W = 104;
const ROW_H = 30;

/** Horizontal bars, a group per row: for comparing a few numbers across people. */
export function BarListChart({ rows, series }: BarListChartProps): ReactNode {
  const [box, width] = useWidth<HTMLDivElement>();
  const plotW = Math.max(60, width - LABEL_W - 16);
  const { top, step } = niceScale(
    Math.max(0, ...rows.flatMap((row) => row.values)),
    4,
    allIntegers(rows.flatMap((row) => row.values)),
  );
  const height = rows.length * ROW_H + 24;
  const bar = (ROW_H - 8) / Math.max(series.length, 1);
  const x = (value: number): number => LABEL_W + (value / top) * plotW;
  return (
    <div ref={box} className="svg-chart">
      <svg width={width} height={height} aria-hidden="true" focusable="false">
        {tickValues(top, step).map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={0} y2={rows.length * ROW_H} className="grid" />
            <text x={x(tick)} y={height - 6} textAnchor="middle" className="tick">
              {tick}
            </text>
          </g>
        ))}
        {rows.map((row, index) => (
          <g key={row.label} transform={`translate(0,${index * ROW_H})`}>
            <text x={LABEL_W - 8} y={ROW_H / 2 + 4} textAnchor="end" className="tick tick-strong">
              {row.label.length > 14 ? `${row.label.slice(0, 13)}…` : row.label}
            </text>
            {series.map((s, k) => (
              <rect
                key={s.label}
                x={LABEL_W}
                y={4 + k * bar}
                width={Math.max(0, x(row.values[k] ?? 0) - LABEL_W)}
                height={bar - 1}
                fill={s.colour}
              >
                <title>{`${row.label}: ${s.label} ${row.values[k] ?? 0}`}</title>
              </rect>
            ))}
          </g>
        ))}
        <line x1={LABEL_W} x2={LABEL_W} y1={0} y2={rows.length * ROW_H} className="axis" />
      </svg>
      <ChartLegend items={series} />
    </div>
  );
}
