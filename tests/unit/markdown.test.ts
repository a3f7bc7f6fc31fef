import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "../../app/lib/markdown.server";

describe("markdown is sanitised when it is rendered", () => {
  it.each([
    ["<script>alert(1)</script>", "<script"],
    ['<img src=x onerror="alert(1)">', "onerror"],
    ["[click](javascript:alert(1))", "javascript:"],
    ["[click](&#106;avascript:alert(1))", "avascript:"],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"],
    ["<svg><script>alert(1)</script></svg>", "<svg"],
    ["<iframe src=//evil.example></iframe>", "<iframe"],
    ['<noscript><p title="</noscript><img src=x onerror=alert(1)>">', "onerror"],
    ['![x](x" onerror="alert(1))', "onerror"],
  ])("%s keeps no %s inside a tag", (source, forbidden) => {
    // What survives as visible text is harmless; what matters is that no tag or attribute carries it.
    const tags =
      renderMarkdown(source)
        .toLowerCase()
        .match(/<[^>]*>/g) ?? [];
    for (const tag of tags) expect(tag).not.toContain(forbidden);
  });

  it("keeps emphasis, links and lists, and marks links as user content", () => {
    const html = renderMarkdown("**bold** and [a link](https://example.org)\n\n- one\n- two");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener">a link</a>');
    expect(html).toContain("<li>one</li>");
  });

  it("turns a level-one heading into a level two, so the page keeps one h1", () => {
    expect(renderMarkdown("# Title")).toContain("<h2>Title</h2>");
  });

  it("comments get a smaller subset (no headings, no tables)", () => {
    expect(renderMarkdown("## Heading", "comment")).not.toContain("<h2");
  });

  it("plain text drops the markup", () => {
    expect(markdownToText("**Hello** _world_ [link](https://x.org)")).toBe("Hello world link");
  });
});
