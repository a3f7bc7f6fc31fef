import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
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
} from "@remix-run/react";
import { ErrorPage, errorCopy } from "~/components/error-page";
import { Flash } from "~/components/flash";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { readFlash } from "~/lib/flash.server";
import { useNonce } from "~/lib/nonce";
import { getSession, refreshedSessionCookie } from "~/modules/accounts/auth.server";
import { isMember } from "~/modules/accounts/permissions";
import styles from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [session, flash, refreshed] = await Promise.all([getSession(request), readFlash(request), refreshedSessionCookie(request)]);
  const headers = new Headers();
  if (flash.clear) headers.append("Set-Cookie", flash.clear);
  if (refreshed) headers.append("Set-Cookie", refreshed);
  const user = session?.user;
  return data(
    {
      user: user ? { name: user.name, handle: user.handle, isAdmin: user.isAdmin, isMember: isMember(user) } : null,
      flash: flash.message,
    },
    { headers },
  );
}

function navFor(user: { isAdmin: boolean } | null) {
  const nav = [{ href: "/", label: "Home" }];
  if (user) nav.push({ href: "/me/ideas", label: "Your ideas" }, { href: "/me", label: "Your account" });
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
        <SiteHeader user={user} nav={navFor(user)} currentPath={location.pathname} />
        <main id="main-content" className="site-main page-width" tabIndex={-1}>
          {root?.flash ? <Flash message={root.flash} /> : null}
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const copy = errorCopy(status);
  // Our own thrown responses carry a sentence for the person; anything else gets the standard copy.
  const message = isRouteErrorResponse(error) && typeof error.data === "string" && error.data ? error.data : copy.message;
  return <ErrorPage status={status} title={copy.title} message={message} />;
}
