import type { ReactNode } from "react";

export type ErrorCopy = { title: string; message: string };

const COPY: Record<number, ErrorCopy> = {
  400: {
    title: "Sorry, there is a problem with your request",
    message: "Check the web address or the information you sent, then try again.",
  },
  401: {
    title: "You need to sign in to see this page",
    message: "Sign in, then try again.",
  },
  403: {
    title: "You do not have permission to see this page",
    message:
      "You may need to sign in, or sign in with a different account. If you think you should have access, contact the person who runs this funding round.",
  },
  404: {
    title: "Page not found",
    message:
      "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.",
  },
  405: {
    title: "Sorry, you cannot do that here",
    message: "Go back to the previous page and use the buttons on it to continue.",
  },
  409: {
    title: "This has changed since you opened it",
    message:
      "Someone else may have changed it, or the round may have moved on to its next phase. Go back, refresh the page and try again.",
  },
  429: {
    title: "Too many attempts",
    message: "Wait a few minutes, then try again.",
  },
  500: {
    title: "Sorry, there is a problem with the service",
    message: "Try again later.",
  },
  503: {
    title: "Sorry, the service is unavailable",
    message: "You will be able to use the service again soon. Try again in a few minutes.",
  },
};

/** Plain-language title and message for an HTTP status; unknown codes fall back to 400 or 500. */
export function errorCopy(status: number): ErrorCopy {
  return COPY[status] ?? (status >= 500 ? COPY[500] : COPY[400]);
}

export type ErrorPageProps = {
  status: number;
  /** Defaults to errorCopy(status).title. */
  title?: string;
  /** Defaults to errorCopy(status).message. */
  message?: string;
  /** Where the 401/403 page sends people to sign in. */
  signInHref?: string;
  /** A signed-in person is not offered "Sign in" on a 403. */
  signedIn?: boolean;
  children?: ReactNode;
};

/**
 * The body of an error page (put it inside the layout's <main>). Never shows stack traces or
 * internal messages: pass only copy written for people.
 */
export function ErrorPage({
  status,
  title,
  message,
  signInHref = "/sign-in",
  signedIn = false,
  children,
}: ErrorPageProps) {
  const copy = errorCopy(status);
  return (
    <div className="error-page">
      <h1>{title ?? copy.title}</h1>
      <p>{message ?? copy.message}</p>
      {(status === 401 || status === 403) && !signedIn ? (
        <p>
          <a href={signInHref}>Sign in to Q Exchange</a>
        </p>
      ) : null}
      {status === 404 || status === 403 || status === 401 ? (
        <p>
          <a href="/">Go to the Q Exchange home page</a>
        </p>
      ) : null}
      {children}
    </div>
  );
}
