import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { deferHydrationInHtml } from "~/lib/deferred-hydration.server";
import { NonceContext } from "~/lib/nonce";
import { logger } from "~/lib/logger.server";
import { RENDER_TIME_LIMIT_MS, renderDocument } from "~/lib/render-document.server";

export * as runtime from "./runtime.server";

/**
 * The whole document is rendered, then sent as one buffer. Nothing in the app streams (no
 * deferred data), and a streamed page went out as dozens of small chunks, each one a trip
 * through gzip on the thread pool and a socket write: 128 write calls for an idea page with
 * 350 comments, where one buffer takes a handful. The status the route chose is kept; a render
 * slower than the limit is logged and answered 503 with Retry-After (render-document.server.ts).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  return renderDocument({
    element: (
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={RENDER_TIME_LIMIT_MS} nonce={nonce} />
      </NonceContext.Provider>
    ),
    status: responseStatusCode,
    headers: responseHeaders,
    nonce,
    path: new URL(request.url).pathname,
    render: renderToPipeableStream,
    log: logger,
    // In production the page paints before its JavaScript downloads (see deferred-hydration).
    finish:
      process.env.NODE_ENV === "production"
        ? (html) => Buffer.from(deferHydrationInHtml(html.toString("utf8")))
        : undefined,
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests and 4xx answers (not found, not allowed) are not server errors.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  logger.error({ err: error, url: new URL(request.url).pathname }, "unhandled error");
}
