// Rendering a document within a time limit (entry.server.tsx). The status the route decided — a
// 403, a 409, a 429 — is the status sent, however long the render took; a render that does not
// finish in time is aborted, logged, and answered 503 with Retry-After: never a silent 500 (under
// load, refusals came back as 500 pages with no log line, issue 19).
import { Writable } from "node:stream";
import type { ReactNode } from "react";
import type { RenderToPipeableStreamOptions } from "react-dom/server";

export type Render = (
  element: ReactNode,
  options: RenderToPipeableStreamOptions,
) => { pipe: (destination: Writable) => unknown; abort: (reason?: unknown) => void };
/** Runs `fn` after `ms`; returns a function that cancels it. Injected by tests. */
export type Schedule = (fn: () => void, ms: number) => () => void;
type Log = { error: (details: object, message: string) => void };

export const RENDER_TIME_LIMIT_MS = 5_000;
export const RETRY_AFTER_SECONDS = 5;

export const scheduleWithTimer: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

const TIMED_OUT_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Busy – Q Exchange</title></head><body><main><h1>The service is busy</h1><p>This page took too long to prepare. Please try again in a few seconds.</p></main></body></html>`;

export function renderDocument(input: {
  element: ReactNode;
  status: number;
  headers: Headers;
  nonce: string | undefined;
  path: string;
  render: Render;
  log: Log;
  schedule?: Schedule;
  limitMs?: number;
  /** The finished HTML, rewritten before it is sent (deferred hydration in production). */
  finish?: (html: Buffer) => Buffer;
}): Promise<Response> {
  const { headers, log, path } = input;
  const schedule = input.schedule ?? scheduleWithTimer;
  return new Promise<Response>((resolve, reject) => {
    let status = input.status;
    let settled = false;
    let ready = false;
    const settle = (response: Response) => {
      if (settled) return;
      settled = true;
      cancel();
      resolve(response);
    };
    const chunks: Buffer[] = [];
    const body = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
      final(callback) {
        headers.set("Content-Type", "text/html; charset=utf-8");
        const html = Buffer.concat(chunks);
        const page = (input.finish ? input.finish(html) : html) as unknown as BodyInit;
        settle(new Response(page, { headers, status }));
        callback();
      },
    });
    const { pipe, abort } = input.render(input.element, {
      nonce: input.nonce,
      onAllReady() {
        if (settled) return;
        ready = true;
        pipe(body);
      },
      onShellError(error: unknown) {
        if (settled) return;
        settled = true;
        cancel();
        reject(error);
      },
      onError(error: unknown) {
        // The abort below reports itself here too: that is the time-out, answered already.
        if (settled) return;
        status = 500;
        if (ready) log.error({ err: error, path }, "render failed");
      },
    });
    // React starts rendering on the next turn (setImmediate), so no callback above runs before this.
    const cancel = schedule(() => {
      if (settled) return;
      log.error({ path, status: input.status, limitMs: input.limitMs ?? RENDER_TIME_LIMIT_MS }, "render timed out");
      const busy = new Headers(headers);
      busy.set("Content-Type", "text/html; charset=utf-8");
      busy.set("Retry-After", String(RETRY_AFTER_SECONDS));
      busy.set("Cache-Control", "no-store");
      settle(new Response(TIMED_OUT_PAGE, { status: 503, headers: busy }));
      abort(new Error("render timed out"));
    }, input.limitMs ?? RENDER_TIME_LIMIT_MS);
  });
}
