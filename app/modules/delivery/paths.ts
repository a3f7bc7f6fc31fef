// Addresses of the delivery pages, shared by the server, the feeds and the pages.
import { ideaPath } from "../ideas/paths";

export const updatePath = (roundSlug: string, ideaSlug: string, number: number) =>
  `${ideaPath(roundSlug, ideaSlug)}/updates/${number}`;
export const newUpdatePath = (roundSlug: string, ideaSlug: string) => `${ideaPath(roundSlug, ideaSlug)}/updates/new`;
export const editUpdatePath = (roundSlug: string, ideaSlug: string, number: number) =>
  `${updatePath(roundSlug, ideaSlug, number)}/edit`;
export const milestonesPath = (roundSlug: string, ideaSlug: string) => `${ideaPath(roundSlug, ideaSlug)}/milestones`;

export type FeedFormat = "rss" | "atom" | "json";
export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};
const FEED_FILES: Record<FeedFormat, string> = { rss: "feed.rss", atom: "feed.atom", json: "feed.json" };

export type FeedScope =
  { kind: "all" } | { kind: "round"; roundSlug: string } | { kind: "project"; roundSlug: string; ideaSlug: string };

export function feedPath(scope: FeedScope, format: FeedFormat): string {
  const base =
    scope.kind === "all"
      ? "/updates"
      : scope.kind === "round"
        ? `/rounds/${scope.roundSlug}/updates`
        : `${ideaPath(scope.roundSlug, scope.ideaSlug)}/updates`;
  return `${base}/${FEED_FILES[format]}`;
}

/** <link rel="alternate"> descriptors for a page's meta, one per format. */
export function feedLinks(scope: FeedScope, title: string) {
  return (["rss", "atom", "json"] as const).map((format) => ({
    tagName: "link" as const,
    rel: "alternate",
    type: FEED_TYPES[format],
    href: feedPath(scope, format),
    title: `${title} (${format === "rss" ? "RSS" : format === "atom" ? "Atom" : "JSON Feed"})`,
  }));
}
