// The page paints before its JavaScript downloads. Remix's <Scripts /> puts a modulepreload link
// for every module in the document and imports them from an inline module script, so on a slow
// connection about 90 kB of JavaScript shares the bandwidth with the HTML and CSS the first paint
// needs (Lighthouse's mobile profile, home page: LCP about 2 s with it; see docs/performance.md for
// the figure without). Every page works without JavaScript, so the document is rewritten as it
// leaves the server:
// - `<link rel="modulepreload">` becomes `rel="x-deferred-modulepreload"` (React does not patch
//   attributes while hydrating, and the element stays, so hydration still matches);
// - the inline module script's static imports become dynamic ones, run on the frame after the
//   first paint, after the links are switched back to modulepreload (so the downloads run in
//   parallel, as before).
// Only the document is affected; client-side navigations load modules as Remix always does.
// Hydration itself waits for the page's data (entry.client.tsx), so typing in that moment is safe.

const PRELOAD = '<link rel="modulepreload"';
const DEFERRED = '<link rel="x-deferred-modulepreload"';

/** Rewrites one complete inline module script body; a body it does not recognise is left as it is. */
export function deferModuleScript(body: string): string {
  const namespaceImports: Array<{ name: string; url: string }> = [];
  const sideEffectImports: string[] = [];
  const rest = body
    .replace(/^\s*import \* as ([A-Za-z_$][\w$]*) from ("[^"\n]+");[ \t]*\n?/gm, (_, name: string, url: string) => {
      namespaceImports.push({ name, url });
      return "";
    })
    .replace(/^\s*import ("[^"\n]+");[ \t]*\n?/gm, (_, url: string) => {
      sideEffectImports.push(url);
      return "";
    });
  // Any other static import (or export) cannot move into a function: leave the script alone.
  if (/^\s*(import|export)\s[^(]/m.test(rest)) return body;
  if (namespaceImports.length === 0 && sideEffectImports.length === 0) return body;
  const names = namespaceImports.map((i) => i.name).join(", ");
  const loads = namespaceImports.map((i) => `import(${i.url})`).join(", ");
  return [
    "const qxHydrate = async () => {",
    '  for (const link of document.querySelectorAll(\'link[rel="x-deferred-modulepreload"]\')) link.rel = "modulepreload";',
    ...sideEffectImports.map((url) => `  await import(${url});`),
    `  const [${names}] = await Promise.all([${loads}]);`,
    rest,
    "};",
    // A hidden tab gets no animation frames: it hydrates at once instead of waiting to be shown.
    'if (document.visibilityState === "hidden") setTimeout(qxHydrate, 0);',
    "else requestAnimationFrame(() => setTimeout(qxHydrate, 0));",
  ].join("\n");
}

/** Rewrites a whole rendered document (pages are rendered whole, then sent: entry.server.tsx). */
export function deferHydrationInHtml(html: string): string {
  return rewriteLinks(
    html.replace(
      /(<script\b[^>]*\btype="module"[^>]*>)([\s\S]*?)(<\/script>)/g,
      (_, open: string, body: string, close: string) => open + deferModuleScript(body) + close,
    ),
  );
}

function rewriteLinks(html: string): string {
  return html.includes(PRELOAD) ? html.split(PRELOAD).join(DEFERRED) : html;
}
