export type PaginationProps = {
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
  /** Plural noun for the summary: "ideas". */
  noun: string;
  /** Used when total is 1: "idea". */
  nounSingular?: string;
  makeHref: (page: number) => string;
  /** Accessible name of the nav; change it when a page has two paginations. */
  label?: string;
};

type PageItem = number | "ellipsis";

function pageCount(pageSize: number, total: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}

function clampPage(page: number, pages: number): number {
  return Math.min(Math.max(1, Math.trunc(page) || 1), pages);
}

const format = (n: number) => n.toLocaleString("en-GB");

/** "Showing 21–40 of 212 ideas", or "Showing 7 ideas" when everything fits on one page. */
export function resultSummary({
  page,
  pageSize,
  total,
  noun,
  nounSingular,
}: Omit<PaginationProps, "makeHref">): string {
  const pages = pageCount(pageSize, total);
  const current = clampPage(page, pages);
  const word = total === 1 && nounSingular ? nounSingular : noun;
  if (pages === 1) return `Showing ${format(total)} ${word}`;
  const from = (current - 1) * pageSize + 1;
  const to = Math.min(current * pageSize, total);
  return `Showing ${format(from)}–${format(to)} of ${format(total)} ${word}`;
}

/** First, last, current and its neighbours; a single skipped page is shown rather than "…". */
export function pageItems(page: number, pages: number): PageItem[] {
  const wanted = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  const items: PageItem[] = [];
  let previous = 0;
  for (const p of wanted) {
    if (p - previous === 2) items.push(previous + 1);
    else if (p - previous > 2) items.push("ellipsis");
    items.push(p);
    previous = p;
  }
  return items;
}

/**
 * Result count, previous/next and page numbers, as plain links (works without JavaScript).
 * Renders nothing when there are no results: show an empty state instead.
 */
export function Pagination({
  page,
  pageSize,
  total,
  noun,
  nounSingular,
  makeHref,
  label = "Pagination",
}: PaginationProps) {
  if (total <= 0) return null;
  const pages = pageCount(pageSize, total);
  const current = clampPage(page, pages);
  const summary = resultSummary({ page: current, pageSize, total, noun, nounSingular });

  // One page: the count alone, no navigation landmark without links.
  if (pages === 1) {
    return (
      <div className="pagination">
        <p className="pagination__summary">{summary}</p>
      </div>
    );
  }

  return (
    <nav className="pagination" aria-label={label}>
      <p className="pagination__summary">{summary}</p>
      <ul className="pagination__list">
        {current > 1 ? (
          <li className="pagination__item pagination__prev">
            <a className="pagination__link" href={makeHref(current - 1)} rel="prev">
              Previous<span className="visually-hidden"> page</span>
            </a>
          </li>
        ) : null}
        {pageItems(current, pages).map((item, index) =>
          item === "ellipsis" ? (
            <li className="pagination__item pagination__ellipsis" key={`ellipsis-${index}`}>
              &hellip;
            </li>
          ) : (
            <li className="pagination__item" key={item}>
              <a
                className="pagination__link"
                href={makeHref(item)}
                aria-label={`Page ${item}`}
                aria-current={item === current ? "page" : undefined}
              >
                {item}
              </a>
            </li>
          ),
        )}
        {current < pages ? (
          <li className="pagination__item pagination__next">
            <a className="pagination__link" href={makeHref(current + 1)} rel="next">
              Next<span className="visually-hidden"> page</span>
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
