import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { deferHydrationInHtml } from "~/lib/deferred-hydration.server";
import { NonceContext } from "~/lib/nonce";
import { logger } from "~/lib/logger.server";

export * as runtime from "./runtime.server";

const ABORT_DELAY = 5_000;

/**
 * The whole document is rendered, then sent as one buffer. Nothing in the app streams (no
 * deferred data), and a streamed page went out as dozens of small chunks, each one a trip
 * through gzip on the thread pool and a socket write: 128 write calls for an idea page with
 * 350 comments, where one buffer takes a handful.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const body = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final(callback) {
        clearTimeout(timer);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        const html = Buffer.concat(chunks);
        // In production the page paints before its JavaScript downloads (see deferred-hydration).
        const page =
          process.env.NODE_ENV === "production" ? Buffer.from(deferHydrationInHtml(html.toString("utf8"))) : html;
        resolve(new Response(page, { headers: responseHeaders, status: responseStatusCode }));
        callback();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error }, "render failed");
        },
      },
    );
    // React starts rendering on the next turn (setImmediate), so no callback above runs before this.
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests and 4xx answers (not found, not allowed) are not server errors.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  logger.error({ err: error, url: new URL(request.url).pathname }, "unhandled error");
}
