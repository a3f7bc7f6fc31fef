import { roundFeed } from "~/modules/delivery/feed-routes.server";

export const loader = roundFeed("rss");
