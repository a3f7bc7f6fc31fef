import type { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { RENDER_TIME_LIMIT_MS, renderDocument, type Render } from "~/lib/render-document.server";

// A render that finishes when told to, and a timer that fires when told to: no real waiting.
function slowRender() {
  let options!: RenderToPipeableStreamOptions;
  let aborted: unknown = null;
  const render: Render = (_element, o) => {
    options = o;
    return {
      pipe: (body: Writable) => body.end(Buffer.from("<!DOCTYPE html><html><body>Refused</body></html>")),
      abort: (reason) => {
        aborted = reason;
        options.onError?.(reason, { componentStack: "" });
      },
    };
  };
  return { render, finish: () => options.onAllReady?.(), aborted: () => aborted, options: () => options };
}

function manualTimer() {
  const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  return {
    schedule: (fn: () => void, ms: number) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => void (t.cancelled = true);
    },
    fire: () => timers.filter((t) => !t.cancelled).forEach((t) => t.fn()),
    timers,
  };
}

const logged = () => {
  const lines: Array<{ details: object; message: string }> = [];
  return { lines, log: { error: (details: object, message: string) => void lines.push({ details, message }) } };
};

describe("rendering a document within the time limit", () => {
  it.each([403, 409, 429, 404])(
    "a refusal (%i) keeps its status, however slow the render, when it finishes in time",
    async (status) => {
      const r = slowRender();
      const timer = manualTimer();
      const { lines, log } = logged();
      const pending = renderDocument({
        element: null,
        status,
        headers: new Headers(),
        nonce: "n",
        path: "/x",
        render: r.render,
        log,
        schedule: timer.schedule,
      });
      r.finish();
      const response = await pending;
      expect(response.status).toBe(status);
      expect(await response.text()).toMatch(/Refused/);
      expect(timer.timers[0]).toMatchObject({ ms: RENDER_TIME_LIMIT_MS, cancelled: true });
      timer.fire(); // a late timer changes nothing
      expect(lines).toEqual([]);
      expect(r.aborted()).toBeNull();
    },
  );

  it("a render slower than the limit is logged and answered 503 with Retry-After, never a silent 500", async () => {
    const r = slowRender();
    const timer = manualTimer();
    const { lines, log } = logged();
    const headers = new Headers({ "Set-Cookie": "flash=1" });
    const pending = renderDocument({
      element: null,
      status: 409,
      headers,
      nonce: "n",
      path: "/rounds/2027/vote",
      render: r.render,
      log,
      schedule: timer.schedule,
    });
    timer.fire();
    const response = await pending;
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.text()).toMatch(/The service is busy/);
    expect(lines).toEqual([
      {
        message: "render timed out",
        details: { path: "/rounds/2027/vote", status: 409, limitMs: RENDER_TIME_LIMIT_MS },
      },
    ]);
    expect(r.aborted()).toBeInstanceOf(Error);
    r.finish(); // the render finishing after the answer changes nothing
  });

  it("a component error once the page is ready is logged as a 500", async () => {
    const r = slowRender();
    const timer = manualTimer();
    const { lines, log } = logged();
    const render: Render = (element, options) => {
      const handle = r.render(element, options);
      return {
        ...handle,
        pipe: (body: Writable) => {
          options.onError?.(new Error("boom"), { componentStack: "" });
          return handle.pipe(body);
        },
      };
    };
    const pending = renderDocument({
      element: null,
      status: 200,
      headers: new Headers(),
      nonce: undefined,
      path: "/",
      render,
      log,
      schedule: timer.schedule,
    });
    r.finish();
    expect((await pending).status).toBe(500);
    expect(lines.map((l) => l.message)).toEqual(["render failed"]);
  });
});
