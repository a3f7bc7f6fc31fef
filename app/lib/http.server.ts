import { data, type HeadersFunction } from "@remix-run/node";

/**
 * Stops a loader or action with an error page that shows `message` to the person. Only messages
 * thrown this way are shown; the framework's own errors get the standard wording.
 */
export function httpError(status: number, message: string): never {
  throw data({ message }, { status });
}

// Headers a route's loader or action set on purpose (Retry-After on a 429, for one) are passed on.
const PASSED_ON = ["Retry-After", "Cache-Control"];

export const passOnHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders, errorHeaders }) => {
  const headers = new Headers();
  for (const source of [loaderHeaders, actionHeaders, errorHeaders]) {
    for (const name of PASSED_ON) {
      const value = source?.get(name);
      if (value) headers.set(name, value);
    }
  }
  return headers;
};
