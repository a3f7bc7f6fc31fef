// The nine feed addresses (three formats × everything, a round, a project) share these loaders.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { ideaFromParams, roundFromParams } from "~/modules/ideas/route-context.server";
import { allUpdatesSubject, feedResponse, projectSubject, roundSubject } from "./feed-data.server";
import type { FeedFormat } from "./paths";

export const allUpdatesFeed = (format: FeedFormat) => () => feedResponse(allUpdatesSubject(), format);

export const roundFeed =
  (format: FeedFormat) =>
  async ({ params }: LoaderFunctionArgs) => {
    // Anonymous on purpose: a feed shows what the public sees, whoever asks.
    const round = await roundFromParams(params, null);
    return feedResponse(roundSubject(round), format);
  };

export const projectFeed =
  (format: FeedFormat) =>
  async ({ params }: LoaderFunctionArgs) => {
    const { round, idea } = await ideaFromParams(params, null);
    if (idea.state !== "funded") httpError(404, "This idea is not a funded project.");
    return feedResponse(projectSubject(round, idea), format);
  };
