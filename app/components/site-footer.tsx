import { Link } from "@remix-run/react";
import type { NavItem } from "./site-header";

const DEFAULT_LINKS: NavItem[] = [
  { href: "/", label: "Home" },
  { href: "/rounds", label: "Funding rounds" },
  { href: "/data", label: "Open data" },
  { href: "/projects", label: "Funded projects" },
  { href: "/updates", label: "Project updates" },
];

export type SiteFooterProps = { links?: NavItem[] };

export function SiteFooter({ links = DEFAULT_LINKS }: SiteFooterProps) {
  return (
    <footer className="site-footer">
      <div className="page-width">
        {links.length > 0 ? (
          <nav aria-label="Footer">
            <ul className="site-footer__links">
              {links.map((link) => (
                <li key={link.href}>
                  <Link to={link.href}>{link.label}</Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <p className="site-footer__text">Q Exchange — community funding for health and care improvement</p>
      </div>
    </footer>
  );
}
