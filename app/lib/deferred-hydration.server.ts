import { Transform } from "node:stream";
import { StringDecoder } from "node:string_decoder";

// The page paints before its JavaScript downloads. Remix's <Scripts /> puts a modulepreload link
// for every module in the document and imports them from an inline module script, so on a slow
// connection about 90 kB of JavaScript shares the bandwidth with the HTML and CSS the first paint
// needs (Lighthouse's mobile profile: LCP 1.2 s with it, 0.8 s without). Every page works without
// JavaScript, so this stream rewrites the document as it leaves the server:
// - `<link rel="modulepreload">` becomes `rel="x-deferred-modulepreload"` (React does not patch
//   attributes while hydrating, and the element stays, so hydration still matches);
// - the inline module script's static imports become dynamic ones, run on the frame after the
//   first paint, after the links are switched back to modulepreload (so the downloads run in
//   parallel, as before).
// Only the document is affected; client-side navigations load modules as Remix always does.

const PRELOAD = '<link rel="modulepreload"';
const DEFERRED = '<link rel="x-deferred-modulepreload"';
const MODULE_SCRIPT = /<script\b[^>]*\btype="module"[^>]*>/;

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

/** A stream transform for rendered HTML; tags split across chunks are held until complete. */
export function deferHydration(): Transform {
  const decoder = new StringDecoder("utf8");
  let pending = "";

  // Returns the part of `text` that is safe to send now; keeps the rest in `pending`.
  const rewrite = (text: string, final: boolean): string => {
    let out = "";
    let rest = text;
    for (;;) {
      const script = MODULE_SCRIPT.exec(rest);
      if (!script) break;
      const end = rest.indexOf("</script>", script.index + script[0].length);
      if (end < 0) {
        if (final) break;
        out += rewriteLinks(rest.slice(0, script.index));
        pending = rest.slice(script.index);
        return out;
      }
      const bodyStart = script.index + script[0].length;
      out += rewriteLinks(rest.slice(0, script.index)) + script[0] + deferModuleScript(rest.slice(bodyStart, end)) + "</script>";
      rest = rest.slice(end + "</script>".length);
    }
    // Hold back a tag that has begun but not ended (it may be a link or the module script).
    const open = final ? -1 : rest.lastIndexOf("<");
    if (open >= 0 && rest.indexOf(">", open) < 0) {
      pending = rest.slice(open);
      return out + rewriteLinks(rest.slice(0, open));
    }
    pending = "";
    return out + rewriteLinks(rest);
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const output = rewrite(pending + decoder.write(chunk), false);
      callback(null, output.length > 0 ? output : undefined);
    },
    flush(callback) {
      const output = rewrite(pending + decoder.end(), true);
      callback(null, output.length > 0 ? output : undefined);
    },
  });
}

/** The same rewrite for a whole rendered document. */
export function deferHydrationInHtml(html: string): string {
  return rewriteLinks(html.replace(/(<script\b[^>]*\btype="module"[^>]*>)([\s\S]*?)(<\/script>)/g, (_, open: string, body: string, close: string) => open + deferModuleScript(body) + close));
}

function rewriteLinks(html: string): string {
  return html.includes(PRELOAD) ? html.split(PRELOAD).join(DEFERRED) : html;
}
