import { ChartFrame, shorten, TONES, type Tone } from "./chart-frame";
import { bands, niceMax, scale, stack, ticks } from "./geometry";

export type BarRow = { label: string; values: number[] };
export type Series = { name: string; tone?: Tone };

type Props = {
  id: string;
  title: string;
  description: string;
  /** One series draws plain bars; several draw each bar as stacked segments, in this order. */
  series: Series[];
  rows: BarRow[];
  /** How a value reads on the bar and in the table (money, say). */
  format?: (value: number) => string;
  /** A vertical line to compare the bars with (the pot, say). */
  reference?: { value: number; label: string };
  labelWidth?: number;
  /** The table's heading for the row labels. */
  labelName?: string;
};

const WIDTH = 640;
const ROW = 30;
const TOP = 8;
const AXIS = 28;

/** Horizontal bars, one per row, plain or stacked; values printed at the end of each bar. */
export function BarChart({
  id,
  title,
  description,
  series,
  rows,
  format = String,
  reference,
  labelWidth = 220,
  labelName = "Item",
}: Props) {
  const totals = rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const max = niceMax(Math.max(0, ...totals, reference?.value ?? 0));
  const plotWidth = WIDTH - labelWidth - 70;
  const x = scale(max, plotWidth);
  const height = TOP + rows.length * ROW + AXIS + (reference ? 18 : 0);
  const plotTop = TOP + (reference ? 18 : 0);
  const rowBands = bands(rows.length, rows.length * ROW, 0.3);
  const tones = series.map((s, i) => s.tone ?? TONES[i % TONES.length]);
  const table = {
    columns: [labelName, ...series.map((s) => s.name), ...(series.length > 1 ? ["Total"] : [])],
    rows: rows.map((r, i) => ({
      label: r.label,
      cells: [...r.values.map(format), ...(series.length > 1 ? [format(totals[i])] : [])],
    })),
  };
  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      width={WIDTH}
      height={height}
      table={table}
      legend={series.map((s, i) => ({ name: s.name, tone: tones[i] }))}
    >
      <g transform={`translate(${labelWidth} ${plotTop})`}>
        {ticks(max).map((t) => (
          <g key={t}>
            <line className="chart__gridline" x1={x(t)} x2={x(t)} y1={0} y2={rows.length * ROW} />
            <text className="chart__label" x={x(t)} y={rows.length * ROW + 18} textAnchor="middle" fontSize={12}>
              {format(t)}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const band = rowBands[i];
          return (
            <g key={`${row.label}-${i}`}>
              <text
                className="chart__label"
                x={-8}
                y={band.start + band.size / 2}
                dy="0.35em"
                textAnchor="end"
                fontSize={12}
              >
                {shorten(row.label, 28)}
              </text>
              {stack(row.values, x).map((segment, j) => (
                <rect
                  key={j}
                  className={`chart__fill--${tones[j]}`}
                  x={segment.start}
                  y={band.start}
                  width={segment.size}
                  height={band.size}
                />
              ))}
              <text
                className="chart__value"
                x={x(totals[i]) + 6}
                y={band.start + band.size / 2}
                dy="0.35em"
                fontSize={13}
              >
                {format(totals[i])}
              </text>
            </g>
          );
        })}
        <line className="chart__axis" x1={0} x2={0} y1={0} y2={rows.length * ROW} />
        {reference ? (
          <g>
            <line
              className="chart__reference"
              x1={x(reference.value)}
              x2={x(reference.value)}
              y1={-6}
              y2={rows.length * ROW}
            />
            <text className="chart__label" x={x(reference.value)} y={-8} textAnchor="end" fontSize={12}>
              {reference.label}
            </text>
          </g>
        ) : null}
      </g>
    </ChartFrame>
  );
}
