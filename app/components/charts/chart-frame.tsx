import type { ReactNode } from "react";

export type Tone = "primary" | "accent" | "success" | "warning";
export const TONES: Tone[] = ["primary", "accent", "success", "warning"];

export type DataTable = { columns: string[]; rows: Array<{ label: string; cells: Array<string | number> }> };

type FrameProps = {
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows; read out instead of the picture. */
  description: string;
  width: number;
  height: number;
  table: DataTable;
  legend?: Array<{ name: string; tone: Tone }>;
  children: ReactNode;
};

/**
 * A chart as a figure: its title, an SVG picture (role="img", named by its title and described
 * by its description) and the same numbers in a table behind a details element, so nothing is
 * only in the picture.
 */
export function ChartFrame({ id, title, description, width, height, table, legend, children }: FrameProps) {
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      {legend && legend.length > 1 ? (
        <ul className="chart__legend" aria-hidden="true">
          {legend.map((item) => (
            <li key={item.name}>
              <span className={`chart__swatch chart__fill--${item.tone}`} />
              {item.name}
            </li>
          ))}
        </ul>
      ) : null}
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {children}
      </svg>
      <details className="details">
        <summary>
          Show the data as a table<span className="visually-hidden">: {title}</span>
        </summary>
        <div className="details__content">
          <div className="table-wrap" role="region" aria-labelledby={`${id}-table`} tabIndex={0}>
            <table className="table table--striped">
              <caption id={`${id}-table`}>{title}</caption>
              <thead>
                <tr>
                  {table.columns.map((column, i) => (
                    <th key={column} scope="col" className={i === 0 ? undefined : "num"}>
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, i) => (
                  <tr key={`${row.label}-${i}`}>
                    <th scope="row">{row.label}</th>
                    {row.cells.map((cell, j) => (
                      <td key={j} className="num">
                        {typeof cell === "number" ? cell.toLocaleString("en-GB") : cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </details>
    </figure>
  );
}

/** Said in words when a chart has nothing to draw yet. */
export function NoData({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="chart chart--empty" aria-label={title}>
      <p className="chart__empty-title">{title}</p>
      <p className="text-muted">{children}</p>
    </section>
  );
}

/** Long labels are cut in the picture (the table has them whole). */
export function shorten(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}
