import { layoutChart, type ChartBar } from "~/modules/voting/chart";

const short = (text: string, max = 64) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Votes per proposal in one category as a server-rendered SVG bar chart, with the funding line.
 * The SVG is one image to assistive technology (its title and description say what it shows);
 * the same figures are in the table that follows it.
 */
export function ResultsChart({
  id,
  category,
  bars,
  line,
}: {
  id: string;
  category: string;
  bars: ChartBar[];
  line: number;
}) {
  const chart = layoutChart(bars, line);
  const funded = bars.filter((b) => b.funded).length;
  const top = bars[0];
  return (
    <figure className="chart results-chart">
      <figcaption id={`${id}-caption`}>Votes per proposal in {category}</figcaption>
      <svg
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        focusable="false"
      >
        <title id={`${id}-title`}>{`Bar chart: votes per proposal in ${category}`}</title>
        <desc id={`${id}-desc`}>
          {`${bars.length} proposals, ${funded} funded. ${top ? `Most votes: ${top.label} with ${top.votes}.` : ""} ` +
            `${chart.fundingLineY === null ? "" : `The funding line falls after the ${line} proposals with the most votes.`} The table below gives every figure.`}
        </desc>
        {chart.ticks.map((t) => (
          <g key={t.value}>
            <line
              className="chart__gridline"
              x1={t.x}
              x2={t.x}
              y1={chart.plot.y}
              y2={chart.plot.y + chart.plot.height}
            />
            <text
              className="chart__label"
              x={t.x}
              y={chart.plot.y + chart.plot.height + 18}
              fontSize="13"
              textAnchor="middle"
            >
              {t.value}
            </text>
          </g>
        ))}
        <line
          className="chart__axis"
          x1={chart.plot.x}
          x2={chart.plot.x}
          y1={chart.plot.y}
          y2={chart.plot.y + chart.plot.height}
        />
        {chart.bars.map((b, i) => (
          <g key={b.id}>
            <text
              className="chart__label"
              x={chart.plot.x + 4}
              y={b.y + 13}
              fontSize="14"
            >{`${i + 1}. ${short(b.label)}${b.funded ? " (funded)" : ""}`}</text>
            <rect
              className={b.funded ? "chart__bar chart__bar--success" : "chart__bar"}
              x={chart.plot.x}
              y={b.y + 18}
              width={Math.max(b.width, 1)}
              height={b.height - 20}
            />
            <text className="chart__value" x={chart.plot.x + Math.max(b.width, 1) + 6} y={b.y + 32} fontSize="14">
              {b.votes}
            </text>
          </g>
        ))}
        {chart.fundingLineY === null ? null : (
          <g>
            <line
              className="results-chart__line"
              x1={chart.plot.x}
              x2={chart.plot.x + chart.plot.width + 60}
              y1={chart.fundingLineY}
              y2={chart.fundingLineY}
              strokeDasharray="6 4"
              strokeWidth="2"
            />
            <text
              className="chart__label"
              x={chart.plot.x + chart.plot.width + 60}
              y={chart.fundingLineY - 4}
              fontSize="13"
              textAnchor="end"
            >
              Funding line
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
}
