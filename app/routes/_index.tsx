import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/modules/accounts/auth.server";
import { isMember } from "~/modules/accounts/permissions";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { signedIn: Boolean(user), member: isMember(user), pending: user?.membership === "pending" };
}

export default function Home() {
  const { signedIn, member, pending } = useLoaderData<typeof loader>();
  return (
    <div className="prose">
      <h1>Q Exchange</h1>
      <p className="lede">
        Q Exchange is how the Q community funds its own ideas for improving health and care. Members post ideas, everyone
        can join the conversation, a panel shortlists, members vote, and funded teams share what they learn in public.
      </p>
      <h2>What's on now</h2>
      <p>No funding round is open at the moment. When one opens, you will find it here with what you can do and by when.</p>
      <h2>Get ready</h2>
      {!signedIn ? (
        <p>
          <Link to="/join" className="button">
            Create an account
          </Link>{" "}
          or <Link to="/sign-in">sign in</Link>. Members of the Q community can lead ideas and vote; anyone with an account can
          comment.
        </p>
      ) : member ? (
        <p>You are a member, so you will be able to post ideas, support them and vote when the next round opens.</p>
      ) : pending ? (
        <p>Your membership request is with the programme team. Meanwhile, you will be able to comment when a round opens.</p>
      ) : (
        <p>
          You can comment once a round opens. To lead ideas and vote, <Link to="/me">apply to be a member</Link>.
        </p>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "Q Exchange – community funding for health and care improvement" },
  { name: "description", content: "Post improvement ideas, discuss them, vote, and follow funded projects in the Q community." },
];
