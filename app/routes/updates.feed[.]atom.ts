import { allUpdatesFeed } from "~/modules/delivery/feed-routes.server";

export const loader = allUpdatesFeed("atom");
