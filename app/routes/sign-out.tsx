import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { flashHeader } from "~/lib/flash.server";
import { title } from "~/lib/meta";
import { endSession, getUser } from "~/modules/accounts/auth.server";

// Signing out changes state, so it is a POST; this page offers the button to anyone who lands here.
export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await getUser(request))) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const headers = new Headers();
  headers.append("Set-Cookie", await endSession(request));
  headers.append("Set-Cookie", await flashHeader({ kind: "success", text: "You have signed out." }));
  return redirect("/", { status: 303, headers });
}

export default function SignOut() {
  return (
    <div className="prose">
      <h1>Sign out</h1>
      <Form method="post">
        <button type="submit" className="button">
          Sign out
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => title("Sign out");
