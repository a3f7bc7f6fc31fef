// Issue 11, figure 6: a corpus of cross-site scripting payloads. Each one, if it ever ran, would
// call window.__xss(<its id>) (the browser test installs that hook), so a test knows exactly which
// payload got through. Families follow the OWASP XSS filter evasion cheat sheet and PortSwigger's
// XSS cheat sheet, plus mutation XSS (namespace confusion) and markdown-specific tricks.
//
// In a template, X stands for the call `__xss(<id>)` and {E} for the same call with its letters
// written as HTML decimal entities, {B64} for `<script>` + the call in base64 (for data: URLs).

export type XssPayload = { id: number; family: string; payload: string };

const FAMILIES: Record<string, string[]> = {
  "script tags": [
    "<script>X</script>",
    "<SCRIPT>X</SCRIPT>",
    "<script src=data:text/javascript,X></script>",
    "<scr<script>ipt>X</scr</script>ipt>",
    "<script>/*</script><script>*/X</script>",
    "<<script>X//<</script>",
    '<script\x20type="text/javascript">X</script>',
    "</title><script>X</script>",
    "</textarea><script>X</script>",
    '"><script>X</script>',
    "'><script>X</script>",
    "<script>eval('X')</script>",
  ],
  "event handlers": [
    "<img src=x onerror=X>",
    '<img src=x onerror="X">',
    "<IMG SRC=x OnErRoR=X>",
    "<img src=x:x onerror=X//",
    "<img/src=x/onerror=X>",
    "<img src=`x` onerror=X>",
    "<svg onload=X>",
    "<svg/onload=X>",
    "<body onload=X>",
    "<iframe onload=X></iframe>",
    "<details open ontoggle=X>",
    "<input autofocus onfocus=X>",
    "<select autofocus onfocus=X>",
    "<textarea autofocus onfocus=X></textarea>",
    "<video><source onerror=X></video>",
    "<audio src=x onerror=X>",
    "<marquee onstart=X>",
    "<div onmouseover=X>hover me</div>",
    "<a onmouseover=X>hover me</a>",
    '<p style="animation-name:spin" onanimationstart=X>',
    "<object data=x onerror=X>",
    "<image src=x onerror=X>",
    '" onmouseover="X',
    "' onfocus='X' autofocus='",
    "<img src=x onerror=&#95;&#95;xss(0)>",
    "<style onload=X></style>",
  ],
  "javascript: and entity-obfuscated URLs": [
    '<a href="javascript:X">click</a>',
    '<a href="JaVaScRiPt:X">click</a>',
    '<a href="&#106;avascript:X">click</a>',
    '<a href="&#x6A;avascript:X">click</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058X">click</a>',
    '<a href="java\tscript:X">click</a>',
    '<a href="java&#9;script:X">click</a>',
    '<a href="java&#x0A;script:X">click</a>',
    '<a href=" &#14; javascript:X">click</a>',
    '<a href="javascript&colon;X">click</a>',
    '<a href="javascript:{E}">click</a>',
    '<a href="vbscript:X">click</a>',
    '<a href="data:text/html,<script>X</script>">click</a>',
    '<a href="data:text/html;base64,{B64}">click</a>',
    '<iframe src="javascript:X"></iframe>',
    '<form action="javascript:X"><button>go</button></form>',
    '<button formaction="javascript:X">go</button>',
    '<embed src="javascript:X">',
    '<math><a xlink:href="javascript:X">click</a></math>',
    '<a href="%6A%61%76%61%73%63%72%69%70%74:X">click</a>',
    "javascript:X",
  ],
  svg: [
    "<svg><script>X</script></svg>",
    '<svg><script href="data:,X"/></svg>',
    "<svg><animate onbegin=X attributeName=x dur=1s>",
    "<svg><set onbegin=X attributeName=x to=1>",
    '<svg><a xlink:href="javascript:X"><text y=20>click</text></a></svg>',
    '<svg><foreignObject><iframe srcdoc="&lt;script&gt;parent.X&lt;/script&gt;"></iframe></foreignObject></svg>',
    "<svg><use href=\"data:image/svg+xml,&lt;svg id='x' xmlns='http://www.w3.org/2000/svg'&gt;&lt;image href='x' onerror='X'/&gt;&lt;/svg&gt;#x\"/></svg>",
    "<svg><image href=x onerror=X />",
    "<svg><style>&lt;img src=x onerror=X&gt;</style></svg>",
  ],
  "mutation XSS": [
    '<noscript><p title="</noscript><img src=x onerror=X>"></noscript>',
    "<math><mtext><table><mglyph><style><img src=x onerror=X>",
    "<math><mi><style><img src=x onerror=X></style></mi></math>",
    '<svg></p><style><a id="</style><img src=1 onerror=X>">',
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=X>",
    '<math><annotation-xml encoding="text/html"><style><img src=x onerror=X></style></annotation-xml></math>',
    "<svg><p><style><img src=x onerror=X></style></p></svg>",
    "<listing>&lt;img src=x onerror=X&gt;</listing>",
    '<xmp><p title="</xmp><img src=x onerror=X>">',
    '<noembed><img title="</noembed><img src=x onerror=X>"></noembed>',
    '<iframe><img title="</iframe><img src=x onerror=X>"></iframe>',
    "<template><img src=x onerror=X></template>",
    "<!--><img src=x onerror=X>-->",
    "<![CDATA[><img src=x onerror=X>]]>",
    "<?xml><img src=x onerror=X>?>",
    '<a title="&quot;&gt;&lt;img src=x onerror=X&gt;">t</a>',
  ],
  "markdown links and images": [
    "[click](javascript:X)",
    "[click](JAVASCRIPT:X)",
    "[click](&#106;avascript:X)",
    "[click](java&#x09;script:X)",
    "[click](<javascript:X>)",
    "[click]( javascript:X )",
    "[click](javascript://%0aX)",
    "[click](data:text/html;base64,{B64})",
    "[click](vbscript:X)",
    '[click]("onmouseover=X)',
    '[click](https://example.org "title" onmouseover=X)',
    '![x](x" onerror="X)',
    "![x](x onerror=X)",
    '![x" onerror="X](x)',
    "![x](javascript:X)",
    "[click][ref]\n\n[ref]: javascript:X",
    '[click][ref]\n\n[ref]: &#106;avascript:X "t"',
    "<javascript:X>",
    "[a](https://example.org)<img src=x onerror=X>",
    "`code`<img src=x onerror=X>",
    "**bold<img src=x onerror=X>**",
    "> quote <svg onload=X>",
    "| a | b |\n|---|---|\n| <img src=x onerror=X> | c |",
    "```html\n</code></pre><img src=x onerror=X>\n```",
    "[![x](x)](javascript:X)",
  ],
  "other tags and attributes": [
    '<iframe srcdoc="&lt;script&gt;parent.X&lt;/script&gt;"></iframe>',
    '<meta http-equiv="refresh" content="0;url=javascript:X">',
    '<base href="javascript:X//">',
    '<link rel=stylesheet href="javascript:X">',
    "<isindex type=image src=1 onerror=X>",
    '<table background="javascript:X"></table>',
    '<div style="background:url(javascript:X)">s</div>',
    '<div style="width:expression(X)">s</div>',
    '<a href="https://example.org" style="position:fixed;inset:0" onclick=X>overlay</a>',
    "<frameset onload=X>",
    "<keygen autofocus onfocus=X>",
    "<x contenteditable onfocus=X autofocus>",
    "<a href=# id=x tabindex=1 onfocusin=X>x</a>",
  ],
};

function entities(text: string): string {
  return Array.from(text, (c) => `&#${c.charCodeAt(0)};`).join("");
}

function build(): XssPayload[] {
  const out: XssPayload[] = [];
  let id = 1;
  for (const [family, templates] of Object.entries(FAMILIES)) {
    for (const template of templates) {
      const call = `__xss(${id})`;
      // "__xss(0)" inside hand-written encodings (base64, entities) is rewritten to this payload's id.
      const payload = template
        .replace(/X/g, call)
        .replace("{E}", entities(call))
        .replace("{B64}", Buffer.from(`<script>${call}</script>`).toString("base64"))
        .replace(/&#95;&#95;xss\(0\)/g, `&#95;&#95;xss(${id})`);
      out.push({ id, family, payload });
      id += 1;
    }
  }
  return out;
}

export const XSS_PAYLOADS: readonly XssPayload[] = build();
