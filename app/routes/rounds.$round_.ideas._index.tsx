import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { Breadcrumbs, ideaCrumbs } from "~/components/ideas/breadcrumbs";
import { IdeaCard } from "~/components/ideas/idea-card";
import { Pagination } from "~/components/pagination";
import { title } from "~/lib/meta";
import { getUser } from "~/modules/accounts/auth.server";
import { PUBLIC_STATES, SORTS, STATE_LABELS } from "~/modules/ideas/limits";
import { listIdeas, PAGE_SIZE } from "~/modules/ideas/list-ideas.server";
import { listHref, parseListParams, stateFilter } from "~/modules/ideas/list-params";
import { closedReason, roundFromParams } from "~/modules/ideas/route-context.server";
import { SelectField } from "~/components/select-field";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const round = await roundFromParams(params, user);
  const search = parseListParams(new URL(request.url).searchParams, {
    categoryIds: round.categories.map((c) => c.id),
    topicIds: round.topics.map((t) => t.id),
  });
  const { items, total } = await listIdeas(round.id, {
    q: search.q || undefined,
    categoryId: search.category || undefined,
    topicId: search.topic || undefined,
    state: stateFilter(search),
    sort: search.sort,
    page: search.page,
  });
  return {
    round: { slug: round.slug, title: round.title, openForIdeas: closedReason(round, "publishIdea", user) === null },
    categories: round.categories.map((c) => ({ id: c.id, name: c.name })),
    topics: round.topics.map((t) => ({ id: t.id, name: t.name })),
    search,
    total,
    pageSize: PAGE_SIZE,
    ideas: items.map((idea) => ({
      slug: idea.slug,
      title: idea.title,
      summary: idea.summary,
      state: idea.state,
      categoryName: idea.categoryName,
      leadName: idea.leadName,
      supportCount: idea.supportCount,
      commentCount: idea.commentCount,
      updatedAt: idea.updatedAt.toISOString(),
    })),
  };
}

export default function IdeasList() {
  const { round, categories, topics, search, total, pageSize, ideas } = useLoaderData<typeof loader>();
  const base = `/rounds/${round.slug}/ideas`;
  const filtered = Boolean(search.q || search.category || search.topic || search.state);
  return (
    <div>
      <Breadcrumbs items={ideaCrumbs(round)} />
      <h1>Ideas in {round.title}</h1>
      <p className="lede">
        Ideas from the community to improve health and care. Search them, filter them and share the address of any list.
      </p>
      {round.openForIdeas ? (
        <p>
          <Link className="button" to={`${base}/new`}>
            Share an idea
          </Link>
        </p>
      ) : null}

      <form method="get" action={base} className="filters" role="search" aria-label="Search and filter ideas">
        <div className="filters__row">
          <Field
            label="Search ideas"
            name="q"
            type="search"
            defaultValue={search.q}
            hint="Words from the title, summary or challenge"
          />
        </div>
        <div className="filters__row">
          <SelectField
            label="Category"
            name="category"
            value={search.category}
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
            all="All categories"
          />
          <SelectField
            label="Topic"
            name="topic"
            value={search.topic}
            options={topics.map((t) => ({ value: t.id, label: t.name }))}
            all="All topics"
          />
          <SelectField
            label="Stage"
            name="state"
            value={search.state}
            options={PUBLIC_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }))}
            all="All stages except withdrawn"
          />
          <SelectField
            label="Sort by"
            name="sort"
            value={search.sort}
            options={[
              ...(search.q ? [{ value: "relevance", label: "Best match" }] : []),
              ...Object.entries(SORTS).map(([value, label]) => ({ value, label })),
            ]}
          />
          <button type="submit" className="button">
            Show ideas
          </button>
        </div>
        {filtered ? (
          <p className="filters__clear">
            <Link to={base}>Clear search and filters</Link>
          </p>
        ) : null}
      </form>

      {ideas.length === 0 ? (
        <div className="empty-state">
          <h2>No ideas found</h2>
          {filtered ? (
            <p>
              Nothing matches this search. Try fewer words or other filters, or <Link to={base}>see every idea</Link>.
            </p>
          ) : (
            <p>
              No ideas have been published in this round yet.{round.openForIdeas ? " Yours could be the first." : ""}
            </p>
          )}
        </div>
      ) : (
        <>
          <Pagination
            page={search.page}
            pageSize={pageSize}
            total={total}
            noun="ideas"
            nounSingular="idea"
            makeHref={(page) => listHref(base, search, { page })}
          />
          <ul className="card-list">
            {ideas.map((idea) => (
              <li key={idea.slug}>
                <IdeaCard roundSlug={round.slug} idea={idea} />
              </li>
            ))}
          </ul>
          {total > pageSize ? (
            <Pagination
              page={search.page}
              pageSize={pageSize}
              total={total}
              noun="ideas"
              nounSingular="idea"
              makeHref={(page) => listHref(base, search, { page })}
              label="Pagination (bottom)"
            />
          ) : null}
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `Ideas in ${data.round.title}` : "Ideas");
