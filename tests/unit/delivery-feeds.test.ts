import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../app/lib/markdown.server";
import { renderAtom, renderJsonFeed, renderRss, type Feed } from "../../app/modules/delivery/feeds";

// Feeds are checked by a real XML parser (well-formedness, then the elements each specification
// requires) and, for JSON Feed 1.1, by JSON.parse and its required members.
const TRICKY = `Fish & chips <b>not bold</b> "quoted" 'single' 🎉 café`;
const MARKDOWN =
  "We did **this** & _that_ <script>alert(1)</script>\n\n- one < two\n- [a link](https://example.org/?a=1&b=2) 🚀";
const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function feed(): Feed {
  const html = renderMarkdown(MARKDOWN, "full");
  return {
    title: `Updates: ${TRICKY}`,
    description: `All about ${TRICKY}`,
    homeUrl: "https://q.example.org/projects",
    feedUrl: "https://q.example.org/updates/feed.rss",
    fallbackUpdated: new Date("2026-11-27T10:00:00Z"),
    items: [
      {
        url: "https://q.example.org/rounds/2026/ideas/tea/updates/2",
        title: TRICKY,
        html,
        published: new Date("2026-11-20T09:00:00Z"),
        updated: new Date("2026-11-21T08:30:00Z"),
        author: "Aisha Begum & Co <team>",
      },
      {
        url: "https://q.example.org/rounds/2026/ideas/tea/updates/1",
        title: "Control\u0007 character\u0000 dropped",
        html: "<p>ok</p>",
        published: new Date("2026-06-10T09:00:00Z"),
        updated: new Date("2026-06-10T09:00:00Z"),
        author: null,
      },
    ],
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});

describe("RSS 2.0", () => {
  const xml = renderRss(feed());
  const doc = parser.parse(xml);
  const channel = doc.rss.channel;

  it("is well-formed XML with the channel and item elements RSS 2.0 requires", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(doc.rss["@version"]).toBe("2.0");
    expect(channel.title).toBe(`Updates: ${TRICKY}`);
    expect(channel.description).toBe(`All about ${TRICKY}`);
    expect(channel.link).toEqual(["https://q.example.org/projects"]);
    expect(channel.item).toHaveLength(2);
  });

  it("keeps special characters, emoji and the rendered markdown exactly, escaped once", () => {
    const [item] = channel.item;
    expect(item.title).toBe(TRICKY);
    expect(item.description).toBe(renderMarkdown(MARKDOWN, "full").trim()); // the parser trims the final newline
    expect(item.description).toContain("<strong>this</strong>");
    expect(item.description).not.toContain("<script");
    expect(item["dc:creator"]).toBe("Aisha Begum & Co <team>");
    expect(xml).not.toContain("\u0007");
    expect(channel.item[1].title).toBe("Control character dropped");
  });

  it("dates items in RFC 822 and links them absolutely, with a self link", () => {
    const [item] = channel.item;
    expect(item.pubDate).toMatch(RFC822);
    expect(new Date(item.pubDate).toISOString()).toBe("2026-11-20T09:00:00.000Z");
    expect(channel.lastBuildDate).toMatch(RFC822);
    expect(item.link[0]).toMatch(/^https:\/\//);
    expect(item.guid["#text"]).toBe(item.link[0]);
    expect(channel["atom:link"]["@href"]).toBe("https://q.example.org/updates/feed.rss");
  });
});

describe("Atom 1.0", () => {
  const xml = renderAtom(feed());
  const doc = parser.parse(xml).feed;

  it("is well-formed with the feed and entry elements Atom requires (id, title, updated, author)", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(doc["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(doc.id).toBe("https://q.example.org/updates/feed.atom");
    expect(doc.title["#text"]).toBe(`Updates: ${TRICKY}`);
    expect(doc.updated).toMatch(RFC3339);
    expect(doc.updated).toBe("2026-11-21T08:30:00.000Z");
    expect(doc.author.name).toBe("Q Exchange");
    expect(doc.link.find((l: Record<string, string>) => l["@rel"] === "self")["@href"]).toBe(
      "https://q.example.org/updates/feed.atom",
    );
    for (const entry of doc.entry) {
      expect(entry.id).toMatch(/^https:\/\//);
      expect(entry.updated).toMatch(RFC3339);
      expect(entry.published).toMatch(RFC3339);
      expect(entry.title["#text"]).toBeTruthy();
    }
  });

  it("keeps special characters and markdown HTML as escaped html content", () => {
    const [entry] = doc.entry;
    expect(entry.title["#text"]).toBe(TRICKY);
    expect(entry.content["@type"]).toBe("html");
    expect(entry.content["#text"]).toBe(renderMarkdown(MARKDOWN, "full").trim());
    expect(entry.author.name).toBe("Aisha Begum & Co <team>");
  });
});

describe("JSON Feed 1.1", () => {
  const json = JSON.parse(renderJsonFeed(feed()));

  it("has the members version 1.1 requires and absolute URLs", () => {
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(json.title).toBe(`Updates: ${TRICKY}`);
    expect(json.feed_url).toBe("https://q.example.org/updates/feed.json");
    expect(json.home_page_url).toMatch(/^https:\/\//);
    for (const item of json.items) {
      expect(typeof item.id).toBe("string");
      expect(item.url).toMatch(/^https:\/\//);
      expect(typeof item.content_html).toBe("string");
      expect(item.date_published).toMatch(RFC3339);
    }
  });

  it("keeps special characters, emoji and markdown HTML exactly", () => {
    expect(json.items[0].title).toBe(TRICKY);
    expect(json.items[0].content_html).toBe(renderMarkdown(MARKDOWN, "full"));
    expect(json.items[0].authors).toEqual([{ name: "Aisha Begum & Co <team>" }]);
    expect(json.items[1].title).toBe("Control character dropped");
    expect(json.items[1].authors).toBeUndefined();
  });
});

describe("an empty feed", () => {
  it("is still valid in every format, dated by the fallback time", () => {
    const empty = { ...feed(), items: [] };
    expect(XMLValidator.validate(renderRss(empty))).toBe(true);
    expect(XMLValidator.validate(renderAtom(empty))).toBe(true);
    expect(parser.parse(renderAtom(empty)).feed.updated).toBe("2026-11-27T10:00:00.000Z");
    expect(JSON.parse(renderJsonFeed(empty)).items).toEqual([]);
  });
});
