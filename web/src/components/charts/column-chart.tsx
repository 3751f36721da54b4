import type { ReactNode } from 'react';
import { ChartLegend } from './legend.js';
import { allIntegers, labelEvery, niceScale, tickValues } from './scale.js';
import { useWidth } from './use-width.js';

/** One stacked series of a column chart. */
export interface ColumnSeries {
  label: string;
  colour: string;
  values: number[];
}

/** A line drawn over the columns against its own right-hand axis (0 to `max`, e.g. a share in %). */
export interface OverlayLine {
  label: string;
  colour: string;
  values: Array<number | null>;
  max: number;
  unit: string;
  dashed?: boolean;
}

interface ColumnChartProps {
  categories: string[];
  /** Stacked bottom to top; empty for a line-only chart. */
  series: ColumnSeries[];
  lines?: OverlayLine[];
  height?: number;
  /** Unit of the left axis, shown after each tick ("%" for a line-only chart of rates). */
  unit?: string;
  /** The last category is still running: its columns are drawn faint and its label marked "so far". */
  partialLast?: boolean;
}

const MARGIN = { top: 10, right: 22, bottom: 24, left: 34 };

/** Stacked columns per category, optionally with lines over them: plain SVG, sized to its box. */
export function ColumnChart({
  categories,
  series,
  lines = [],
  height = 240,
  unit = '',
  partialLast = false,
}: ColumnChartProps): ReactNode {
  const [box, width] = useWidth<HTMLDivElement>();
  const right = lines.some((line) => series.length > 0 && line.max > 0) ? 40 : MARGIN.right;
  const plotW = Math.max(60, width - MARGIN.left - right);
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const totals = categories.map(() => 0);
  for (const s of series) s.values.forEach((value, index) => (totals[index] = (totals[index] ?? 0) + value));
  const lineOnly = series.length === 0;
  const leftMax = lineOnly
    ? Math.max(0, ...lines.flatMap((line) => line.values.map((v) => v ?? 0)))
    : Math.max(0, ...totals);
  const counts = lineOnly
    ? allIntegers(lines.flatMap((line) => line.values))
    : allIntegers(series.flatMap((s) => s.values));
  const { top, step } = niceScale(leftMax, 4, counts);
  const partial = partialLast ? categories.length - 1 : -1;
  // The running week is always labelled; a regular label too close to it gives way.
  const labelled = (index: number): boolean =>
    index === partial || (index % every === 0 && (partial < 0 || partial - index >= every));
  const slot = plotW / Math.max(categories.length, 1);
  const barW = Math.max(2, Math.min(28, slot * 0.7));
  const every = labelEvery(categories.length, plotW);
  const y = (value: number, max = top): number => MARGIN.top + plotH - (value / max) * plotH;
  const x = (index: number): number => MARGIN.left + slot * index + slot / 2;

  return (
    <div ref={box} className="svg-chart">
      <svg width={width} height={height} aria-hidden="true" focusable="false">
        {tickValues(top, step).map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={y(tick)} y2={y(tick)} className="grid" />
            <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end" className="tick">
              {tick}
              {unit}
            </text>
          </g>
        ))}
        {!lineOnly && lines.length > 0
          ? [0, 0.5, 1].map((share) => (
              <text key={share} x={MARGIN.left + plotW + 6} y={y(share * 100, 100) + 4} className="tick">
                {Math.round(share * (lines[0]?.max ?? 100))}
                {lines[0]?.unit}
              </text>
            ))
          : null}
        {categories.map((category, index) => {
          let base = 0;
          return (
            <g key={category}>
              {series.map((s) => {
                const value = s.values[index] ?? 0;
                if (value <= 0) return null;
                const bottom = base;
                base += value;
                return (
                  <rect
                    key={s.label}
                    x={x(index) - barW / 2}
                    width={barW}
                    y={y(base)}
                    height={y(bottom) - y(base)}
                    fill={s.colour}
                    opacity={index === partial ? 0.45 : undefined}
                  >
                    <title>{`${category}${index === partial ? ' (week so far)' : ''}: ${s.label} ${value}`}</title>
                  </rect>
                );
              })}
              {labelled(index) ? (
                <text
                  x={index === partial ? Math.min(x(index), MARGIN.left + plotW) : x(index)}
                  y={height - 6}
                  textAnchor={index === partial ? 'end' : 'middle'}
                  className="tick"
                  data-partial={index === partial ? 'true' : undefined}
                >
                  {index === partial ? 'so far' : category}
                </text>
              ) : null}
            </g>
          );
        })}
        {lines.map((line) => (
          <path
            key={line.label}
            d={linePath(line.values, x, (value) => (lineOnly ? y(value) : y(value, line.max)))}
            fill="none"
            stroke={line.colour}
            strokeWidth={2}
            strokeDasharray={line.dashed ? '5 3' : undefined}
          />
        ))}
        <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={y(0)} y2={y(0)} className="axis" />
      </svg>
      <ChartLegend
        items={[
          ...series.map((s) => ({ label: s.label, colour: s.colour })),
          ...lines.map((line) => ({ label: line.label, colour: line.colour, line: true })),
        ]}
      />
    </div>
  );
}

/** A polyline through the defined points; a gap (null) is bridged, as a rate without data is not zero. */
function linePath(values: Array<number | null>, x: (i: number) => number, y: (v: number) => number): string {
  const points: string[] = [];
  values.forEach((value, index) => {
    if (value === null) return;
    points.push(`${points.length === 0 ? 'M' : 'L'}${x(index).toFixed(1)},${y(value).toFixed(1)}`);
  });
  return points.join(' ');
}
