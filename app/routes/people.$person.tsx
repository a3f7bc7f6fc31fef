import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatLondonDate } from "~/lib/time";
import { httpError } from "~/lib/http.server";
import { title } from "~/lib/meta";
import { getPublicProfile } from "~/modules/accounts/queries.server";

const Params = z.object({ person: z.string().regex(/^[a-z0-9-]{1,80}$/) });

export async function loader({ params }: LoaderFunctionArgs) {
  const parsed = Params.safeParse(params);
  const person = parsed.success ? await getPublicProfile(parsed.data.person) : null;
  if (!person) httpError(404, "There is nobody with this address.");
  return {
    person: {
      name: person.name,
      organisation: person.organisation,
      jobTitle: person.jobTitle,
      isMember: person.membership === "approved",
      joined: person.createdAt.toISOString(),
    },
  };
}

export default function Person() {
  const { person } = useLoaderData<typeof loader>();
  return (
    <div className="prose">
      <h1>{person.name}</h1>
      <dl className="summary-list">
        {person.jobTitle ? (
          <div>
            <dt>Job title</dt>
            <dd>{person.jobTitle}</dd>
          </div>
        ) : null}
        <div>
          <dt>Organisation</dt>
          <dd>{person.organisation}</dd>
        </div>
        <div>
          <dt>Q Exchange</dt>
          <dd>
            {person.isMember ? "Member" : "Account"} since {formatLondonDate(new Date(person.joined))}
          </dd>
        </div>
      </dl>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data?.person.name ?? "Person not found");
