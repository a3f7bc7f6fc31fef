// RSS 2.0, Atom 1.0 and JSON Feed 1.1 from one list of items. Small and pure on purpose: every
// element the specifications require is written here, every text is escaped, every link is
// absolute, dates are RFC 822 in RSS and RFC 3339 in Atom and JSON Feed.

export type FeedItem = {
  /** Absolute URL of the update's page; also its permanent id. */
  url: string;
  title: string;
  /** Sanitised HTML (rendered at write time). */
  html: string;
  published: Date;
  updated: Date;
  author: string | null;
};

export type Feed = {
  title: string;
  description: string;
  /** Absolute URL of the page the feed belongs to. */
  homeUrl: string;
  /** Absolute URL of this feed (the other formats are found by changing the extension). */
  feedUrl: string;
  items: FeedItem[];
  /** When nothing is in the feed yet: the time the feed is "as of". */
  fallbackUpdated: Date;
};

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 up, minus surrogates
// and U+FFFE/U+FFFF; anything else (a stray control character pasted in) is dropped.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/** RFC 822 (as RFC 1123 writes it, which RSS readers expect): "Fri, 27 Nov 2026 09:51:03 GMT". */
export const rfc822 = (date: Date) => date.toUTCString();
/** RFC 3339: "2026-11-27T09:51:03.000Z". */
export const rfc3339 = (date: Date) => date.toISOString();

function lastUpdated(feed: Feed): Date {
  return feed.items.reduce(
    (latest, item) => (item.updated > latest ? item.updated : latest),
    feed.items.length ? feed.items[0].updated : feed.fallbackUpdated,
  );
}

const withExtension = (url: string, ext: string) => url.replace(/\.(rss|atom|json)$/, `.${ext}`);

export function renderRss(feed: Feed): string {
  const e = escapeXml;
  const items = feed.items
    .map(
      (item) => `    <item>
      <title>${e(item.title)}</title>
      <link>${e(item.url)}</link>
      <guid isPermaLink="true">${e(item.url)}</guid>
      <pubDate>${rfc822(item.published)}</pubDate>${item.author ? `\n      <dc:creator>${e(item.author)}</dc:creator>` : ""}
      <description>${e(item.html)}</description>
    </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${e(feed.title)}</title>
    <link>${e(feed.homeUrl)}</link>
    <description>${e(feed.description)}</description>
    <language>en-gb</language>
    <lastBuildDate>${rfc822(lastUpdated(feed))}</lastBuildDate>
    <atom:link href="${e(withExtension(feed.feedUrl, "rss"))}" rel="self" type="application/rss+xml"/>
${items}
  </channel>
</rss>
`;
}

export function renderAtom(feed: Feed): string {
  const e = escapeXml;
  const entries = feed.items
    .map(
      (item) => `  <entry>
    <id>${e(item.url)}</id>
    <title type="text">${e(item.title)}</title>
    <link rel="alternate" type="text/html" href="${e(item.url)}"/>
    <published>${rfc3339(item.published)}</published>
    <updated>${rfc3339(item.updated)}</updated>
    <author><name>${e(item.author ?? "Project team")}</name></author>
    <content type="html">${e(item.html)}</content>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <id>${e(withExtension(feed.feedUrl, "atom"))}</id>
  <title type="text">${e(feed.title)}</title>
  <subtitle type="text">${e(feed.description)}</subtitle>
  <updated>${rfc3339(lastUpdated(feed))}</updated>
  <link rel="self" type="application/atom+xml" href="${e(withExtension(feed.feedUrl, "atom"))}"/>
  <link rel="alternate" type="text/html" href="${e(feed.homeUrl)}"/>
  <author><name>Q Exchange</name></author>
${entries}
</feed>
`;
}

export function renderJsonFeed(feed: Feed): string {
  // Only the lone surrogates and NULs are unsafe here; JSON.stringify escapes everything else.
  const clean = (text: string) => text.replace(NOT_XML, "");
  return JSON.stringify(
    {
      version: "https://jsonfeed.org/version/1.1",
      title: clean(feed.title),
      home_page_url: feed.homeUrl,
      feed_url: withExtension(feed.feedUrl, "json"),
      description: clean(feed.description),
      language: "en-GB",
      authors: [{ name: "Q Exchange" }],
      items: feed.items.map((item) => ({
        id: item.url,
        url: item.url,
        title: clean(item.title),
        content_html: clean(item.html),
        date_published: rfc3339(item.published),
        date_modified: rfc3339(item.updated),
        ...(item.author ? { authors: [{ name: clean(item.author) }] } : {}),
      })),
    },
    null,
    2,
  );
}
