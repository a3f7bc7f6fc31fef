import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";

/**
 * Remix's default client entry, except that hydration starts only once the page's data is decoded.
 *
 * With single fetch, <RemixBrowser> suspends on its first render until the data streamed into the
 * document is decoded. A key press or click in that moment makes React hydrate synchronously, and a
 * synchronous render that suspends at the root fails: React error #345 ("Root did not complete"),
 * after which the page never hydrates. Calling RemixBrowser once outside React starts that decoding
 * and throws its promise (it never rejects; a decoding error is thrown again at render, where the
 * error boundary shows it), so React's first render no longer suspends.
 * tests/e2e/hydration.spec.ts types into a page from its first moment with the CPU slowed.
 */
async function pageDataDecoded(): Promise<void> {
  try {
    (RemixBrowser as unknown as (props: object) => unknown)({});
  } catch (thrown) {
    if (thrown instanceof Promise) await thrown;
  }
}

void pageDataDecoded().then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
