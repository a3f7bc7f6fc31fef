import { Link, NavLink } from "@remix-run/react";

export type NavItem = { href: string; label: string };

export type HeaderUser = { name: string; isAdmin: boolean; isMember: boolean };

export type AccountLinks = {
  account: string;
  notifications: string;
  signIn: string;
  join: string;
  signOut: string;
};

const DEFAULT_ACCOUNT_LINKS: AccountLinks = {
  account: "/me",
  notifications: "/notifications",
  signIn: "/sign-in",
  join: "/join",
  signOut: "/sign-out",
};

export type SiteHeaderProps = {
  user: HeaderUser | null;
  /** Main navigation; include role-specific links (e.g. Admin) here. */
  nav: NavItem[];
  /** When set (signed in), shows a Notifications link with the unread count. */
  unreadCount?: number;
  /** Marks the matching nav item; without it NavLink works it out from the location. */
  currentPath?: string;
  /** Added as a hidden "csrf" field to the sign-out form when given. */
  csrfToken?: string;
  accountLinks?: Partial<AccountLinks>;
};

function isCurrent(href: string, path: string): boolean {
  if (href === "/") return path === "/";
  return path === href || path.startsWith(`${href}/`);
}

/** Skip link, product name, main navigation and the account area. */
export function SiteHeader({ user, nav, unreadCount, currentPath, csrfToken, accountLinks }: SiteHeaderProps) {
  const links = { ...DEFAULT_ACCOUNT_LINKS, ...accountLinks };
  return (
    <>
      <a href="#main-content" className="skip-link">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header__inner page-width">
          <Link to="/" className="site-header__logo">
            <LogoMark />Q Exchange
          </Link>

          {nav.length > 0 ? (
            <nav className="site-nav" aria-label="Main">
              <ul className="site-nav__list">
                {nav.map((item) => (
                  <li key={item.href}>
                    {currentPath === undefined ? (
                      <NavLink to={item.href} end={item.href === "/"} className="site-nav__link">
                        {item.label}
                      </NavLink>
                    ) : (
                      <Link
                        to={item.href}
                        className="site-nav__link"
                        aria-current={isCurrent(item.href, currentPath) ? "page" : undefined}
                      >
                        {item.label}
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}

          <nav className="site-header__account" aria-label="Account">
            <ul className="site-header__account-list">
              {user ? (
                <>
                  <li>
                    <Link to={links.account} className="site-header__link">
                      {user.name}
                      <span className="visually-hidden"> (your account)</span>
                    </Link>
                  </li>
                  {unreadCount !== undefined ? (
                    <li>
                      <Link to={links.notifications} className="site-header__link">
                        Notifications
                        {unreadCount > 0 ? (
                          <>
                            {" "}
                            <span className="site-header__count">
                              <span className="visually-hidden">(</span>
                              {unreadCount}
                              <span className="visually-hidden"> unread)</span>
                            </span>
                          </>
                        ) : null}
                      </Link>
                    </li>
                  ) : null}
                  <li>
                    {/* A plain form: signing out is a POST and works without JavaScript. */}
                    <form method="post" action={links.signOut} className="site-header__form">
                      {csrfToken ? <input type="hidden" name="csrf" value={csrfToken} /> : null}
                      <button type="submit" className="site-header__button">
                        Sign out
                      </button>
                    </form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <Link to={links.signIn} className="site-header__link">
                      Sign in
                    </Link>
                  </li>
                  <li>
                    <Link to={links.join} className="site-header__link">
                      Create account
                    </Link>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </div>
      </header>
    </>
  );
}

/** The product mark; decorative, the name is always written beside it. */
function LogoMark() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" className="site-header__mark">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <circle cx="15.5" cy="15" r="7.5" fill="none" strokeWidth="3.5" className="site-header__mark-q" />
      <path d="M18.5 18.5 24 24.5" strokeWidth="3.5" strokeLinecap="round" className="site-header__mark-q" />
    </svg>
  );
}
