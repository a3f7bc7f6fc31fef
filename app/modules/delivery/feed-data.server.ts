// A feed as an HTTP response: the newest published updates of everything, a round or a project.
import { env } from "~/lib/env.server";
import { now } from "~/lib/clock";
import { ideaPath } from "~/modules/ideas/paths";
import { renderAtom, renderJsonFeed, renderRss, type Feed } from "./feeds";
import { feedPath, FEED_TYPES, updatePath, type FeedFormat, type FeedScope } from "./paths";
import { publishedUpdates, type UpdateScope } from "./queries.server";

export const FEED_SIZE = 50;

export type FeedSubject = { scope: FeedScope; ids: UpdateScope; title: string; description: string; homePath: string };

export function allUpdatesSubject(): FeedSubject {
  return {
    scope: { kind: "all" },
    ids: {},
    title: "Q Exchange: project updates",
    description: "The newest updates from every project funded by Q Exchange.",
    homePath: "/updates",
  };
}

export function roundSubject(round: { id: string; slug: string; title: string }): FeedSubject {
  return {
    scope: { kind: "round", roundSlug: round.slug },
    ids: { roundId: round.id },
    title: `${round.title}: project updates`,
    description: `The newest updates from the projects funded in ${round.title}.`,
    homePath: `/projects?round=${encodeURIComponent(round.slug)}`,
  };
}

export function projectSubject(
  round: { slug: string },
  idea: { id: string; slug: string; title: string },
): FeedSubject {
  return {
    scope: { kind: "project", roundSlug: round.slug, ideaSlug: idea.slug },
    ids: { ideaId: idea.id },
    title: `${idea.title}: updates`,
    description: `Updates from the Q Exchange project “${idea.title}”.`,
    homePath: ideaPath(round.slug, idea.slug),
  };
}

export async function buildFeed(subject: FeedSubject, format: FeedFormat): Promise<Feed> {
  const base = env().APP_URL;
  const { items } = await publishedUpdates(subject.ids, FEED_SIZE);
  return {
    title: subject.title,
    description: subject.description,
    homeUrl: `${base}${subject.homePath}`,
    feedUrl: `${base}${feedPath(subject.scope, format)}`,
    fallbackUpdated: now(),
    items: items.map((u) => ({
      url: `${base}${updatePath(u.roundSlug, u.ideaSlug, u.number)}`,
      title: subject.scope.kind === "project" ? u.title : `${u.projectTitle}: ${u.title}`,
      html:
        u.kind === "final_report" && u.outcomesHtml
          ? `${u.bodyHtml}\n<h2>Outcomes</h2>\n${u.outcomesHtml}`
          : u.bodyHtml,
      published: u.publishedAt,
      updated: u.editedAt ?? u.publishedAt,
      author: u.authorName,
    })),
  };
}

const RENDER = { rss: renderRss, atom: renderAtom, json: renderJsonFeed } as const;

export async function feedResponse(subject: FeedSubject, format: FeedFormat): Promise<Response> {
  const body = RENDER[format](await buildFeed(subject, format));
  return new Response(body, {
    headers: { "Content-Type": `${FEED_TYPES[format]}; charset=utf-8`, "Cache-Control": "public, max-age=300" },
  });
}
