import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { SubmitButton } from "~/components/submit-button";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure, parseForm, readForm } from "~/lib/forms.server";
import { title } from "~/lib/meta";
import { formatLondon } from "~/lib/time";
import { requireUser } from "~/modules/accounts/auth.server";
import { listNotifications, markRead } from "~/modules/conversation/notifications.server";

const PAGE_SIZE = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .catch(1)
    .parse(new URL(request.url).searchParams.get("page") ?? 1);
  const { rows, total } = await listNotifications(user.id, page, PAGE_SIZE);
  return {
    page,
    total,
    notifications: rows.map((n) => ({
      id: n.id,
      text: n.text,
      url: n.url,
      createdAt: n.createdAt.toISOString(),
      unread: n.readAt === null,
    })),
  };
}

const MarkSchema = z.object({
  intent: z.enum(["read-one", "read-all"]),
  id: z.coerce.number().int().positive().optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(MarkSchema, await readForm(request));
  if (!parsed.ok) return formFailure({ form: "Choose what to mark as read." }, {});
  const { intent, id } = parsed.data;
  if (intent === "read-one" && !id) return formFailure({ form: "Choose a notification." }, {});
  await markRead(user, { ids: intent === "read-one" ? [id!] : undefined });
  return redirectWithFlash(
    "/me/notifications",
    intent === "read-all" ? "All notifications are marked as read." : "Marked as read.",
  );
}

export default function Notifications() {
  const { notifications, page, total } = useLoaderData<typeof loader>();
  const unread = notifications.some((n) => n.unread);
  return (
    <div>
      <h1>Notifications</h1>
      <p>
        What happened on the ideas you follow and your comments.{" "}
        <Link to="/me/notifications/settings">Choose which emails you get</Link>.
      </p>
      {unread ? (
        <Form method="post">
          <SubmitButton name="intent" value="read-all" variant="secondary">
            Mark all as read
          </SubmitButton>
        </Form>
      ) : null}
      {notifications.length === 0 ? (
        <p className="empty-state">
          Nothing yet. Follow an idea or join a conversation and you will hear about it here.
        </p>
      ) : (
        <ol className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.unread ? "notification--unread" : undefined}>
              {n.unread ? <span className="badge badge--accent">New</span> : null} <Link to={n.url}>{n.text}</Link>
              <div className="small text-muted">
                <time dateTime={n.createdAt}>{formatLondon(new Date(n.createdAt))}</time>
              </div>
              {n.unread ? (
                <Form method="post">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="link-button small" name="intent" value="read-one">
                    Mark as read<span className="visually-hidden">: {n.text}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pagination
        page={page}
        pageSize={PAGE_SIZE}
        total={total}
        noun="notifications"
        nounSingular="notification"
        makeHref={(p) => `/me/notifications?page=${p}`}
      />
    </div>
  );
}

export const meta: MetaFunction = () => title("Notifications");
