import { Link } from "@remix-run/react";

export type Crumb = { href: string; label: string };

/** The trail above a page's h1: links to the pages above it, then this page (not a link). */
export function Breadcrumbs({ items, current }: { items: Crumb[]; current?: string }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol className="breadcrumbs__list">
        {items.map((item) => (
          <li key={item.href} className="breadcrumbs__item">
            <Link to={item.href}>{item.label}</Link>
          </li>
        ))}
        {current ? (
          <li className="breadcrumbs__item" aria-current="page">
            {current}
          </li>
        ) : null}
      </ol>
    </nav>
  );
}
