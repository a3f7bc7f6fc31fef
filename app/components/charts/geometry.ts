// Pure geometry for the server-rendered charts: scales, ticks, bar and segment positions, line
// paths. No React here, so every rule is unit-tested on its own.

/** The smallest "nice" number (1, 2 or 5 times a power of ten) at or above `max`; 1 for empty data. */
export function niceMax(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/**
 * Gridline values from 0 to niceMax(max) inclusive, in about `count` equal steps that divide the
 * top exactly, whole numbers when the top is (a chart of 3 ideas shows 0, 1, 2 … 5, never 1.25).
 */
export function ticks(max: number, count = 4): number[] {
  const top = niceMax(max);
  const steps = [1, 2, 4, 5, 10]
    .filter((n) => top < 1 || Number.isInteger(top / n))
    .sort((a, b) => Math.abs(a - count) - Math.abs(b - count) || b - a)[0];
  return Array.from({ length: steps + 1 }, (_, i) => Math.round(((top * i) / steps) * 1e6) / 1e6);
}

/** Maps 0..domainMax onto 0..length; values outside are clamped, so a bar never leaves the plot. */
export function scale(domainMax: number, length: number): (value: number) => number {
  const max = domainMax > 0 ? domainMax : 1;
  return (value) => (Math.min(Math.max(value, 0), max) / max) * length;
}

export type Band = { start: number; size: number };

/** `n` equal bands across `length`, with a gap between them (a fraction of a band, 0–1). */
export function bands(n: number, length: number, gapFraction = 0.25): Band[] {
  if (n <= 0) return [];
  const step = length / n;
  const size = step * (1 - gapFraction);
  return Array.from({ length: n }, (_, i) => ({ start: i * step + (step - size) / 2, size }));
}

export type Segment = { start: number; size: number; value: number };

/** Stacked segments of one bar: each starts where the previous ended, measured by `toLength`. */
export function stack(values: readonly number[], toLength: (value: number) => number): Segment[] {
  let total = 0;
  return values.map((value) => {
    const start = toLength(total);
    total += Math.max(value, 0);
    return { start, size: toLength(total) - start, value };
  });
}

/** Which of `n` category labels to print so that at most `max` appear, evenly spaced, first always. */
export function labelEvery(n: number, max: number): number {
  if (n <= max || max <= 0) return 1;
  return Math.ceil(n / max);
}

export type Point = { x: number; y: number };

/** An SVG path through the points ("M x y L x y …"); empty for no points. */
export function linePath(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${round(p.x)} ${round(p.y)}`).join(" ");
}

/** The area under a line down to `baseline`, closed. */
export function areaPath(points: readonly Point[], baseline: number): string {
  if (points.length === 0) return "";
  const first = points[0];
  const last = points[points.length - 1];
  return `${linePath(points)} L${round(last.x)} ${round(baseline)} L${round(first.x)} ${round(baseline)} Z`;
}

/** Running totals: [1, 0, 2] -> [1, 1, 3]. */
export function cumulative(values: readonly number[]): number[] {
  let total = 0;
  return values.map((v) => (total += v));
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
