import { projectFeed } from "~/modules/delivery/feed-routes.server";

export const loader = projectFeed("atom");
