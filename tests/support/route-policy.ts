// Who may use every route: the access policy the security tests check, one entry per route
// module in app/routes. The matrix test fails for a route module with no entry here (a new route
// cannot be forgotten) and for an entry whose module is gone.
//
// Outcomes, as classes of answer:
// - ok: allowed (2xx, a redirect within the flow, or for an action a 400/409 "your input is wrong");
// - signin: sent to /sign-in (signed out, or suspended: a suspended person's session counts for nothing);
// - forbidden: 403;
// - notfound: 404 (also how hidden things answer: a draft round to anyone but the programme team,
//   a proposal a reviewer is not assigned to or has a conflict with);
// - closed: the wrong phase: a page that says it is closed (2xx with `closed`/`state: "closed"`),
//   or a refusal (403/404/409);
// - invalid: exactly a 400 (the person may act, but not on this thing in its state).
import fs from "node:fs";
import path from "node:path";
import type { MatrixPhase, PhaseScene, Role, Scene } from "./security-fixtures";

export type Outcome = "ok" | "signin" | "forbidden" | "notfound" | "closed" | "invalid";
export type Cell = { role: Role; phase: MatrixPhase };
export type Expect = Outcome | ((cell: Cell) => Outcome);

export type RoutePolicy = {
  /** "round": checked in a round of every phase; "global": once. */
  scope: "global" | "round";
  params?: (scene: Scene, round: PhaseScene) => Record<string, string>;
  query?: (scene: Scene, round: PhaseScene) => string;
  loader?: Expect;
  action?: {
    fields?: (scene: Scene, round: PhaseScene, cell: Cell) => Record<string, string | string[]>;
    expect: Expect;
  };
};

export const ROUTES_DIR = path.resolve("app/routes");

/** Every route module as Remix's flatRoutes() sees it: one file per route in app/routes. */
export function routeFiles(): string[] {
  return fs
    .readdirSync(ROUTES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(tsx?|jsx?)$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

export const routeId = (file: string) => `routes/${file.replace(/\.(tsx?|jsx?)$/, "")}`;

/** The URL path of a flat route id with its params filled in ("rounds.$round_.vote" -> /rounds/x/vote). */
export function routePath(id: string, params: Record<string, string>): string {
  const name = id.replace(/^routes\//, "");
  const segments = name
    .replaceAll("[.]", "%DOT%")
    .split(".")
    .map((s) => s.replaceAll("%DOT%", "."))
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => s.replace(/_$/, ""))
    .map((s) => {
      if (!s.startsWith("$")) return s;
      const value = params[s.slice(1)];
      if (value === undefined) throw new Error(`The policy for ${id} gives no value for ${s}.`);
      return encodeURIComponent(value);
    });
  return `/${segments.join("/")}`;
}

// ---- The rules, as functions of the cell ----
const signedOut = (c: Cell) => c.role === "visitor" || c.role === "suspended";
/** A draft round is the programme team's only: 404 for everyone else. */
const hidden = (c: Cell) => c.phase === "draft" && c.role !== "admin";

const onTeam = (c: Cell) => c.role === "lead" || c.role === "team";
/** A draft idea is its team's (and the programme team's) to see: 404 for everyone else. */
const draftHidden = (c: Cell) => c.phase === "draft-idea" && !onTeam(c) && c.role !== "admin";
/** Either way the idea is not there for this person. */
const ideaHidden = (c: Cell) => hidden(c) || draftHidden(c);

const anyone: Expect = "ok";
const signedIn: Expect = (c) => (signedOut(c) ? "signin" : "ok");
const adminOnly: Expect = (c) => (signedOut(c) ? "signin" : c.role === "admin" ? "ok" : "forbidden");
/** Signed-out pages (join, sign-in): a signed-in person is redirected on, which is allowed too. */
const signedOutPage: Expect = "ok";

const embargoed = (c: Cell): Outcome =>
  c.phase === "delivery" ? "ok" : c.phase === "results" ? "forbidden" : "notfound";
const publicRound: Expect = (c) => (hidden(c) ? "notfound" : "ok");
const adminRound: Expect = (c) => (signedOut(c) ? "signin" : c.role === "admin" ? "ok" : "forbidden");
/** The idea's team only; everyone signed in outside it is refused, and a draft round hides the idea. */
const team: Expect = (c) => (signedOut(c) ? "signin" : ideaHidden(c) ? "notfound" : onTeam(c) ? "ok" : "forbidden");
const leadOnly: Expect = (c) =>
  signedOut(c) ? "signin" : ideaHidden(c) ? "notfound" : c.role === "lead" ? "ok" : "forbidden";
/** The idea's public pages. */
const publicIdea: Expect = (c) => (ideaHidden(c) ? "notfound" : "ok");
/** A funded project exists once results are published, which moves the round to delivery. */
const hasProject = (c: Cell) => c.phase === "delivery";
/** Delivery pages of a funded project: its team; a round without projects has nothing to show. */
const projectTeam: Expect = (c) => {
  if (signedOut(c)) return "signin";
  if (ideaHidden(c)) return "notfound";
  if (!onTeam(c)) return "forbidden";
  return hasProject(c) ? "ok" : "notfound";
};
/** Posting an update: the team, and only while the project is in delivery. */
const postUpdate: Expect = (c) => {
  const page = typeof projectTeam === "function" ? projectTeam(c) : projectTeam;
  return page === "ok" && c.phase !== "delivery" ? "closed" : page;
};
/** Panel pages: the assigned reviewer without a conflict, once proposals are submitted; everyone else finds nothing there. */
const REVIEWABLE: readonly string[] = ["shortlisting", "voting", "results", "delivery"];
const panelReviewer =
  (afterwards: Outcome): Expect =>
  (c) => {
    if (signedOut(c)) return "signin";
    if (c.role !== "reviewer" || !REVIEWABLE.includes(c.phase)) return "notfound";
    return c.phase === "shortlisting" ? "ok" : afterwards;
  };
/** Public pages that exist only while the round is public (never for a draft round, even to admins). */
const publicNotDraft: Expect = (c) => (c.phase === "draft" ? "notfound" : "ok");

/** A project's feed: public once the idea is a funded project. */
const projectFeed: Expect = (c) => (hasProject(c) ? "ok" : "notfound");

const round = (_: Scene, r: PhaseScene) => ({ round: r.round.slug });
const idea = (_: Scene, r: PhaseScene) => ({ round: r.round.slug, idea: r.idea.slug });

export const POLICY: Record<string, RoutePolicy> = {
  "routes/_index": { scope: "global", loader: anyone },
  "routes/account-deleted": { scope: "global" },
  "routes/data": { scope: "global", loader: anyone },
  "routes/people.$person": { scope: "global", params: (s) => ({ person: s.member.handle }), loader: anyone },
  "routes/projects._index": { scope: "global", loader: anyone },
  "routes/rounds._index": { scope: "global", loader: anyone },
  "routes/updates._index": { scope: "global", loader: anyone },
  "routes/updates.feed[.]atom": { scope: "global", loader: anyone },
  "routes/updates.feed[.]json": { scope: "global", loader: anyone },
  "routes/updates.feed[.]rss": { scope: "global", loader: anyone },
  // Benchmark routes answer 404 unless BENCH_ROUTES is set (never in production).
  "routes/bench.page": { scope: "global", loader: "notfound" },
  "routes/bench.text": { scope: "global", loader: "notfound" },

  // ---- Accounts ----
  "routes/join": { scope: "global", loader: signedOutPage, action: { expect: anyone } },
  "routes/sign-in": { scope: "global", loader: signedOutPage, action: { expect: anyone } },
  "routes/sign-in_.two-factor": {
    scope: "global",
    // Without a pending two-step sign-in there is nothing to do here: back to sign-in (signed out) or on (signed in).
    loader: (c) => (signedOut(c) ? "signin" : "ok"),
    action: { expect: "signin" },
  },
  "routes/sign-out": { scope: "global", loader: anyone, action: { expect: anyone } },
  "routes/forgot-password": { scope: "global", action: { expect: anyone } },
  "routes/reset-password": { scope: "global", loader: anyone, action: { expect: anyone } },
  "routes/verify": { scope: "global", loader: anyone, action: { expect: anyone } },
  "routes/unsubscribe": { scope: "global", loader: anyone, action: { expect: anyone } },
  "routes/invitations.$token": {
    scope: "global",
    params: (s) => ({ token: s.invitationToken }),
    loader: signedIn,
    action: { expect: signedIn },
  },
  "routes/me._index": { scope: "global", loader: signedIn, action: { expect: signedIn } },
  "routes/me.data._index": { scope: "global", loader: signedIn, action: { expect: signedIn } },
  "routes/me.data.download": { scope: "global", loader: signedIn },
  "routes/me.ideas": { scope: "global", loader: signedIn, action: { expect: signedIn } },
  "routes/me.notifications._index": { scope: "global", loader: signedIn, action: { expect: signedIn } },
  "routes/me.notifications.settings": { scope: "global", loader: signedIn, action: { expect: signedIn } },
  "routes/me.password": { scope: "global", loader: signedIn, action: { expect: signedIn } },
  "routes/me.security": { scope: "global", loader: signedIn, action: { expect: signedIn } },

  // ---- Programme team ----
  "routes/admin._index": { scope: "global", loader: adminOnly },
  "routes/admin.audit": { scope: "global", loader: adminOnly },
  "routes/admin.members": { scope: "global", loader: adminOnly, action: { expect: adminOnly } },
  "routes/admin.moderation": { scope: "global", loader: adminOnly, action: { expect: adminOnly } },
  "routes/admin.outbox._index": { scope: "global", loader: adminOnly },
  "routes/admin.outbox.$id": { scope: "global", params: (s) => ({ id: s.outboxId }), loader: adminOnly },
  "routes/admin.rounds._index": { scope: "global", loader: adminOnly },
  "routes/admin.rounds.new": { scope: "global", loader: adminOnly, action: { expect: adminOnly } },
  "routes/admin.security": { scope: "global", loader: adminOnly, action: { expect: adminOnly } },
  "routes/admin.users._index": { scope: "global", loader: adminOnly },
  "routes/admin.users.$user": {
    scope: "global",
    params: (s) => ({ user: s.member.id }),
    loader: adminOnly,
    action: { expect: adminOnly },
  },
  "routes/admin.rounds.$round._index": { scope: "round", params: round, loader: adminRound },
  "routes/admin.rounds.$round.data.$file": {
    scope: "round",
    params: (s, r) => ({ ...round(s, r), file: "scores.csv" }),
    loader: adminRound,
  },
  "routes/admin.rounds.$round.delete": {
    scope: "round",
    params: round,
    loader: adminRound,
    action: { expect: adminRound },
  },
  "routes/admin.rounds.$round.edit": {
    scope: "round",
    params: round,
    loader: adminRound,
    action: { expect: adminRound },
  },
  "routes/admin.rounds.$round.panel": {
    scope: "round",
    params: round,
    loader: adminRound,
    action: { expect: adminRound },
  },
  "routes/admin.rounds.$round.paper-ballots": {
    scope: "round",
    params: round,
    loader: adminRound,
    action: { expect: adminRound },
  },
  "routes/admin.rounds.$round.phase": {
    scope: "round",
    params: round,
    loader: adminRound,
    action: { expect: adminRound },
  },
  "routes/admin.rounds.$round.results": {
    scope: "round",
    params: round,
    loader: adminRound,
    action: { expect: adminRound },
  },
  // The programme team, and the panel's chair (nobody chairs these panels).
  "routes/admin.rounds.$round.shortlist": {
    scope: "round",
    params: round,
    loader: adminRound,
    action: {
      expect: (c) =>
        signedOut(c) ? "signin" : c.role !== "admin" ? "forbidden" : c.phase === "shortlisting" ? "ok" : "closed",
    },
  },

  // ---- Rounds, public ----
  "routes/rounds.$round._index": { scope: "round", params: round, loader: publicRound },
  // A draft round's data is nobody's to download, the programme team's included (they preview pages instead).
  "routes/rounds.$round_.data.$file": {
    scope: "round",
    params: (s, r) => ({ ...round(s, r), file: "ideas.csv" }),
    loader: publicNotDraft,
  },
  "routes/rounds.$round_.ideas._index": { scope: "round", params: round, loader: publicRound },
  "routes/rounds.$round_.updates.feed[.]atom": { scope: "round", params: round, loader: publicNotDraft },
  "routes/rounds.$round_.updates.feed[.]json": { scope: "round", params: round, loader: publicNotDraft },
  "routes/rounds.$round_.updates.feed[.]rss": { scope: "round", params: round, loader: publicNotDraft },
  "routes/rounds.$round_.receipt": { scope: "round", params: round, loader: publicRound },
  "routes/rounds.$round_.results._index": { scope: "round", params: round, loader: publicRound },
  "routes/rounds.$round_.results.verify": { scope: "round", params: round, loader: publicRound },
  // The published files exist once voting is sealed, and are under embargo (403, for the programme
  // team too) until the results are published, which a round in delivery has done.
  "routes/rounds.$round_.results.ledger[.]csv": { scope: "round", params: round, loader: (c) => embargoed(c) },
  "routes/rounds.$round_.results.ledger[.]json": { scope: "round", params: round, loader: (c) => embargoed(c) },
  "routes/rounds.$round_.results[.]json": { scope: "round", params: round, loader: (c) => embargoed(c) },

  // ---- Ideas ----
  "routes/rounds.$round_.ideas.new": {
    scope: "round",
    params: round,
    loader: (c) => (signedOut(c) ? "signin" : c.role === "account" ? "forbidden" : hidden(c) ? "notfound" : "ok"),
    action: {
      expect: (c) => (signedOut(c) ? "signin" : c.role === "account" ? "forbidden" : hidden(c) ? "notfound" : "ok"),
    },
  },
  "routes/rounds.$round_.ideas.$idea._index": {
    scope: "round",
    params: idea,
    loader: publicIdea,
    // Supporting: members outside the team, while ideas are open (ideas and proposals phases).
    action: {
      fields: () => ({ intent: "support" }),
      expect: (c) => {
        if (signedOut(c)) return "signin";
        if (ideaHidden(c)) return "notfound";
        // A draft cannot be supported by anyone who can see it (its team, the programme team).
        if (c.phase === "draft-idea" && c.role !== "account") return "invalid";
        if (c.role === "account" || onTeam(c)) return "forbidden";
        return c.phase === "ideas" || c.phase === "proposals" ? "ok" : "closed";
      },
    },
  },
  "routes/rounds.$round_.ideas.$idea.history": { scope: "round", params: idea, loader: publicIdea },
  "routes/rounds.$round_.ideas.$idea.edit": { scope: "round", params: idea, loader: team, action: { expect: team } },
  "routes/rounds.$round_.ideas.$idea.team": { scope: "round", params: idea, loader: team, action: { expect: team } },
  // Saving a proposal: the team, while proposals are open.
  "routes/rounds.$round_.ideas.$idea.proposal._index": {
    scope: "round",
    params: idea,
    loader: team,
    action: {
      expect: (c) => {
        const t = typeof team === "function" ? team(c) : team;
        return t === "ok" && c.phase !== "proposals" ? "closed" : t;
      },
    },
  },
  "routes/rounds.$round_.ideas.$idea.proposal.check": {
    scope: "round",
    params: idea,
    loader: team,
    action: { expect: team },
  },
  "routes/rounds.$round_.ideas.$idea.withdraw": {
    scope: "round",
    params: idea,
    loader: leadOnly,
    action: { expect: leadOnly },
  },

  // ---- Delivery ----
  "routes/rounds.$round_.ideas.$idea.milestones": {
    scope: "round",
    params: idea,
    loader: projectTeam,
    action: { expect: projectTeam },
  },
  "routes/rounds.$round_.ideas.$idea.updates.new": {
    scope: "round",
    params: idea,
    loader: projectTeam,
    action: {
      fields: () => ({ kind: "update", title: "Access matrix", bodyMd: "A short update." }),
      expect: postUpdate,
    },
  },
  "routes/rounds.$round_.ideas.$idea.updates.$update._index": {
    scope: "round",
    params: (s, r) => ({ ...idea(s, r), update: String(r.update ?? 1) }),
    loader: (c) => (c.phase === "delivery" ? "ok" : "notfound"),
    action: { expect: (c) => (signedOut(c) ? "signin" : c.phase === "delivery" ? "ok" : "notfound") },
  },
  "routes/rounds.$round_.ideas.$idea.updates.$update.edit": {
    scope: "round",
    params: (s, r) => ({ ...idea(s, r), update: String(r.update ?? 1) }),
    loader: projectTeam,
    action: { expect: projectTeam },
  },
  "routes/rounds.$round_.ideas.$idea.updates.feed[.]atom": { scope: "round", params: idea, loader: projectFeed },
  "routes/rounds.$round_.ideas.$idea.updates.feed[.]json": { scope: "round", params: idea, loader: projectFeed },
  "routes/rounds.$round_.ideas.$idea.updates.feed[.]rss": { scope: "round", params: idea, loader: projectFeed },

  // ---- Voting ----
  "routes/rounds.$round_.vote": {
    scope: "round",
    params: round,
    loader: (c) =>
      signedOut(c)
        ? "signin"
        : hidden(c)
          ? "notfound"
          : c.role === "account"
            ? "forbidden"
            : c.phase === "voting"
              ? "ok"
              : "closed",
    action: {
      fields: () => ({ intent: "check" }),
      expect: (c) =>
        signedOut(c)
          ? "signin"
          : c.role === "account"
            ? "forbidden"
            : hidden(c)
              ? "notfound"
              : c.phase === "voting"
                ? "ok"
                : "closed",
    },
  },

  // ---- Panel ----
  "routes/panel._index": { scope: "global", loader: signedIn },
  "routes/panel.$round.pack": { scope: "round", params: round, loader: panelReviewer("ok") },
  // After shortlisting the reviewer still reads their proposals, on a page that says scoring is closed.
  "routes/panel.$round.ideas.$idea": {
    scope: "round",
    params: idea,
    loader: panelReviewer("closed"),
    action: { fields: () => ({ intent: "draft" }), expect: panelReviewer("closed") },
  },
};
