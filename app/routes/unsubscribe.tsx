import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { KIND_LABELS } from "~/modules/conversation/preferences";
import { applyUnsubscribe, readUnsubscribeLink } from "~/modules/conversation/unsubscribe-use-case.server";

// One click from an email: opening the signed link turns that kind of email off at once
// (idempotent and undone with one button), no sign-in needed.
export async function loader({ request }: LoaderFunctionArgs) {
  const link = readUnsubscribeLink(new URL(request.url).searchParams);
  if (!link) return { ok: false as const, label: null, query: "" };
  await applyUnsubscribe(link);
  return { ok: true as const, label: KIND_LABELS[link.kind], query: new URL(request.url).search };
}

export async function action({ request }: ActionFunctionArgs) {
  const link = readUnsubscribeLink(new URL(request.url).searchParams);
  const form = await readForm(request);
  const undo = form.get("intent") === "resubscribe";
  if (!link) httpError(400, "This unsubscribe link is not valid. Choose what we email you from your notification settings instead.");
  await applyUnsubscribe(link, undo ? "immediate" : "off");
  // Not back to this address: opening it would unsubscribe again.
  return redirectWithFlash("/", undo ? "These emails are back on." : "You are unsubscribed.");
}

export default function Unsubscribe() {
  const data = useLoaderData<typeof loader>();
  if (!data.ok) {
    return (
      <div>
        <h1>This link does not work</h1>
        <p>
          The unsubscribe link is incomplete or has been changed. <Link to="/me/notifications/settings">Sign in and choose your emails</Link> instead.
        </p>
      </div>
    );
  }
  return (
    <div>
      <h1>You are unsubscribed</h1>
      <p>We will no longer email you about: {data.label}. You will still see these in your notifications when you sign in.</p>
      <Form method="post" action={`/unsubscribe${data.query}`}>
        <SubmitButton name="intent" value="resubscribe" variant="secondary">Turn these emails back on</SubmitButton>
      </Form>
      <p>
        <Link to="/me/notifications/settings">Choose all your email settings</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => title("Unsubscribe");
