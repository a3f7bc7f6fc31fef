import { ChartFrame } from "./chart-frame";
import { areaPath, bands, labelEvery, linePath, niceMax, scale, ticks, type Point } from "./geometry";

export type ColumnPoint = {
  label: string;
  value: number;
  /** Shorter text under the axis (e.g. "3 Mar"). */ short?: string;
};

type Props = {
  id: string;
  title: string;
  description: string;
  points: ColumnPoint[];
  /** The table's column heading for the values. */
  valueName: string;
  /** The table's column heading for the labels. */
  labelName: string;
  /** Columns (counts per day, a histogram) or a line with the area under it (running totals). */
  kind?: "columns" | "line";
  tone?: "primary" | "accent" | "success";
};

const WIDTH = 640;
const HEIGHT = 240;
const LEFT = 44;
const RIGHT = 12;
const TOP = 16;
const BOTTOM = 36;

/** Vertical columns or a line over labelled steps (days, hours, scores), with a y axis of counts. */
export function ColumnChart({
  id,
  title,
  description,
  points,
  valueName,
  labelName,
  kind = "columns",
  tone = "primary",
}: Props) {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const y = scale(max, plotHeight);
  const columnBands = bands(points.length, plotWidth, points.length > 40 ? 0.1 : 0.25);
  const every = labelEvery(points.length, 8);
  const showValues = kind === "columns" && points.length <= 16;
  const centres: Point[] = columnBands.map((band, i) => ({
    x: band.start + band.size / 2,
    y: plotHeight - y(points[i].value),
  }));
  const table = { columns: [labelName, valueName], rows: points.map((p) => ({ label: p.label, cells: [p.value] })) };
  return (
    <ChartFrame id={id} title={title} description={description} width={WIDTH} height={HEIGHT} table={table}>
      <g transform={`translate(${LEFT} ${TOP})`}>
        {ticks(max).map((t) => (
          <g key={t}>
            <line className="chart__gridline" x1={0} x2={plotWidth} y1={plotHeight - y(t)} y2={plotHeight - y(t)} />
            <text className="chart__label" x={-6} y={plotHeight - y(t)} dy="0.35em" textAnchor="end" fontSize={12}>
              {t}
            </text>
          </g>
        ))}
        {kind === "columns" ? (
          columnBands.map((band, i) => (
            <rect
              key={i}
              className={`chart__fill--${tone}`}
              x={band.start}
              y={plotHeight - y(points[i].value)}
              width={band.size}
              height={y(points[i].value)}
            />
          ))
        ) : (
          <>
            <path className={`chart__area chart__fill--${tone}`} d={areaPath(centres, plotHeight)} />
            <path className="chart__line" d={linePath(centres)} />
          </>
        )}
        {showValues
          ? columnBands.map((band, i) => (
              <text
                key={i}
                className="chart__value"
                x={band.start + band.size / 2}
                y={plotHeight - y(points[i].value) - 4}
                textAnchor="middle"
                fontSize={12}
              >
                {points[i].value}
              </text>
            ))
          : null}
        {points.map((p, i) =>
          i % every === 0 ? (
            <text
              key={i}
              className="chart__label"
              x={columnBands[i].start + columnBands[i].size / 2}
              y={plotHeight + 18}
              textAnchor="middle"
              fontSize={12}
            >
              {p.short ?? p.label}
            </text>
          ) : null,
        )}
        <line className="chart__axis" x1={0} x2={plotWidth} y1={plotHeight} y2={plotHeight} />
        <line className="chart__axis" x1={0} x2={0} y1={0} y2={plotHeight} />
      </g>
    </ChartFrame>
  );
}
