// Addresses of an idea's pages, shared by the server and the pages.
export const ideaPath = (roundSlug: string, ideaSlug: string) => `/rounds/${roundSlug}/ideas/${ideaSlug}`;
