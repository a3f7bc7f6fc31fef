import { Link } from "@remix-run/react";

export type Crumb = { href?: string; label: string };

/** The last crumb is the current page: no link, aria-current. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol className="breadcrumbs__list">
        {items.map((item, i) => (
          <li key={i} className="breadcrumbs__item" aria-current={i === items.length - 1 ? "page" : undefined}>
            {item.href && i < items.length - 1 ? <Link to={item.href}>{item.label}</Link> : item.label}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function ideaCrumbs(
  round: { slug: string; title: string },
  idea?: { slug: string; title: string },
  page?: string,
): Crumb[] {
  const items: Crumb[] = [
    { href: "/", label: "Home" },
    { href: `/rounds/${round.slug}`, label: round.title },
    { href: `/rounds/${round.slug}/ideas`, label: "Ideas" },
  ];
  if (idea) items.push({ href: `/rounds/${round.slug}/ideas/${idea.slug}`, label: idea.title });
  if (page) items.push({ label: page });
  return items;
}
