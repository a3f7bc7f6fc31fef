import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { title } from "~/lib/meta";
import { ErrorPage, errorCopy } from "~/components/error-page";
import { Flash } from "~/components/flash";
import { RouteFocus } from "~/components/route-focus";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { readFlash } from "~/lib/flash.server";
import { useNonce } from "~/lib/nonce";
import { getSession, refreshedSessionCookie } from "~/modules/accounts/auth.server";
import { isMember } from "~/modules/accounts/permissions";
import { unreadCount } from "~/modules/conversation/notifications.server";
import styles from "~/styles/app.css?url";
import { isOnAPanel } from "~/modules/panel/queue.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [session, flash, refreshed] = await Promise.all([
    getSession(request),
    readFlash(request),
    refreshedSessionCookie(request),
  ]);
  const headers = new Headers();
  if (flash.clear) headers.append("Set-Cookie", flash.clear);
  if (refreshed) headers.append("Set-Cookie", refreshed);
  const user = session?.user;
  const reviewer = user ? await isOnAPanel(user.id) : false;
  return data(
    {
      unreadCount: user ? await unreadCount(user.id) : null,
      user: user
        ? {
            name: user.name,
            handle: user.handle,
            isAdmin: user.isAdmin,
            isMember: isMember(user),
            isReviewer: reviewer,
          }
        : null,
      flash: flash.message,
    },
    { headers },
  );
}

function navFor(user: { isAdmin: boolean; isReviewer?: boolean } | null) {
  const nav = [
    { href: "/", label: "Home" },
    { href: "/rounds", label: "Rounds" },
    { href: "/projects", label: "Projects" },
  ];
  if (user) nav.push({ href: "/me/ideas", label: "Your ideas" });
  if (user?.isReviewer) nav.push({ href: "/panel", label: "Your reviews" });
  if (user?.isAdmin) nav.push({ href: "/admin", label: "Admin" });
  return nav;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const root = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const user = root?.user ?? null;
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#005a70" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader
          user={user}
          nav={navFor(user)}
          currentPath={location.pathname}
          unreadCount={root?.unreadCount ?? undefined}
          accountLinks={{ notifications: "/me/notifications" }}
        />
        <main id="main-content" className="site-main page-width" tabIndex={-1}>
          {root?.flash ? <Flash message={root.flash} /> : null}
          {children}
        </main>
        <SiteFooter />
        <RouteFocus />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export const meta: MetaFunction = ({ error }) => {
  if (!error) return [];
  return title(errorCopy(isRouteErrorResponse(error) ? error.status : 500).title);
};

// After a form comes back with errors, the root loader runs again so an old flash message goes.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod && formMethod !== "GET" ? true : defaultShouldRevalidate;

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const copy = errorCopy(status);
  // Only messages thrown with httpError() are meant for people; the framework's own are not.
  const own =
    isRouteErrorResponse(error) && error.data && typeof error.data === "object"
      ? (error.data as { message?: unknown }).message
      : undefined;
  const message = typeof own === "string" ? own : copy.message;
  return <ErrorPage status={status} title={copy.title} message={message} signedIn={Boolean(root?.user)} />;
}
