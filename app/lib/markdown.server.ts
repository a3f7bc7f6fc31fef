import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

// Markdown is rendered and sanitised once, when it is written; the HTML is stored beside the source.
const marked = new Marked({ gfm: true, breaks: false, async: false });

const FULL: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "strong",
    "em",
    "del",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: { a: ["href", "title", "rel"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  transformTags: {
    // Headings inside user content start at h2 so the page's own h1 stays the only one;
    // links open normally and never pass credentials or authority to where they lead.
    h1: "h2",
    h5: "h4",
    h6: "h4",
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow ugc noopener" }),
  },
};

// Comments get a smaller subset: emphasis, links, lists, quotes, code.
const COMMENT: sanitizeHtml.IOptions = {
  ...FULL,
  allowedTags: ["p", "br", "strong", "em", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre"],
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow ugc noopener" }) },
};

export function renderMarkdown(source: string, profile: "full" | "comment" = "full"): string {
  const html = marked.parse(source) as string;
  return sanitizeHtml(html, profile === "full" ? FULL : COMMENT);
}

/** Plain text of a markdown document, for word counts, summaries and search. */
export function markdownToText(source: string): string {
  const html = marked.parse(source) as string;
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
