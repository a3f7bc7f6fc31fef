import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { KIND_LABELS } from "~/modules/conversation/preferences";
import { applyUnsubscribe, readUnsubscribeLink } from "~/modules/conversation/unsubscribe-use-case.server";

// From an email's unsubscribe link, no sign-in needed (the link is signed). Opening the link only
// asks: a GET must change nothing, because mail scanners and link previews open links too. The
// change is the POST from this page's button (our own page, so it passes the Origin check), and
// one more button undoes it.
export async function loader({ request }: LoaderFunctionArgs) {
  const link = readUnsubscribeLink(new URL(request.url).searchParams);
  if (!link) return { ok: false as const, label: null, query: "" };
  return { ok: true as const, label: KIND_LABELS[link.kind], query: new URL(request.url).search };
}

export async function action({ request }: ActionFunctionArgs) {
  const link = readUnsubscribeLink(new URL(request.url).searchParams);
  const form = await readForm(request);
  const undo = form.get("intent") === "resubscribe";
  if (!link)
    httpError(
      400,
      "This unsubscribe link is not valid. Choose what we email you from your notification settings instead.",
    );
  await applyUnsubscribe(link, undo ? "immediate" : "off");
  if (undo) return redirectWithFlash("/", "These emails are back on.");
  return { unsubscribed: true as const };
}

export default function Unsubscribe() {
  const data = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  if (!data.ok) {
    return (
      <div>
        <h1>This link does not work</h1>
        <p>
          The unsubscribe link is incomplete or has been changed.{" "}
          <Link to="/me/notifications/settings">Sign in and choose your emails</Link> instead.
        </p>
      </div>
    );
  }
  if (done?.unsubscribed) {
    return (
      <div>
        <h1>You are unsubscribed</h1>
        <p>
          We will no longer email you about: {data.label}. You will still see these in your notifications when you sign
          in.
        </p>
        <Form method="post" action={`/unsubscribe${data.query}`}>
          <SubmitButton name="intent" value="resubscribe" variant="secondary">
            Turn these emails back on
          </SubmitButton>
        </Form>
        <p>
          <Link to="/me/notifications/settings">Choose all your email settings</Link>
        </p>
      </div>
    );
  }
  return (
    <div>
      <h1>Unsubscribe</h1>
      <p>Stop emails about: {data.label}? You will still see these in your notifications when you sign in.</p>
      <Form method="post" action={`/unsubscribe${data.query}`}>
        <SubmitButton name="intent" value="unsubscribe">
          Unsubscribe
        </SubmitButton>
      </Form>
      <p>
        <Link to="/me/notifications/settings">Choose all your email settings</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => title("Unsubscribe");
