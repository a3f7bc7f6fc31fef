// Geometry of the results bar chart (server-rendered SVG): one horizontal bar per proposal in
// rank order, a scale with round ticks, and the funding line after the last place the rule funds.
export type ChartBar = { id: string; label: string; votes: number; funded: boolean };
export type ChartLayout = {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  max: number;
  ticks: Array<{ value: number; x: number }>;
  bars: Array<ChartBar & { y: number; width: number; height: number; labelY: number }>;
  /** y of the funding line, or null when every bar or none is inside it. */
  fundingLineY: number | null;
};

export const CHART = { width: 640, row: 40, gap: 8, top: 8, axis: 28, left: 8, right: 72 };

/** A round top for the scale (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × a power of ten), at least the largest value (and 1). */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10])
    if (step * power >= value && Number.isInteger(step * power)) return step * power;
  return 10 * power;
}

/** Ticks at 0 and each fifth of the scale, or at every whole number up to 10. */
export function ticksFor(max: number): number[] {
  const step = max <= 10 ? 1 : max / 5;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v));
  return out;
}

/** `line` is the number of bars above the funding line (the rule's places in the category). */
export function layoutChart(bars: ReadonlyArray<ChartBar>, line: number): ChartLayout {
  const { width, row, gap, top, axis, left, right } = CHART;
  const plot = { x: left, y: top, width: width - left - right, height: Math.max(1, bars.length) * (row + gap) };
  const max = niceMax(Math.max(0, ...bars.map((b) => b.votes)));
  const scale = (v: number) => (v / max) * plot.width;
  return {
    width,
    height: top + plot.height + axis,
    plot,
    max,
    ticks: ticksFor(max).map((value) => ({ value, x: plot.x + scale(value) })),
    bars: bars.map((b, i) => {
      const y = plot.y + i * (row + gap) + gap / 2;
      return { ...b, y, width: scale(b.votes), height: row, labelY: y + row / 2 };
    }),
    fundingLineY: line > 0 && line < bars.length ? plot.y + line * (row + gap) : null,
  };
}
